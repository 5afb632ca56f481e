package dev.statickeys.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of markdown files the way GitHub resolves them: a link {@code [text](path)} or
 * {@code [text](path#anchor)} (and an image {@code ![alt](path)}) must name an existing file or directory,
 * relative to the file holding the link, and an anchor must name a heading of the target. External links
 * ({@code http:}, {@code https:}, {@code mailto:}) are not checked; nor is anything inside a fenced code block
 * or an inline code span, which GitHub does not render as a link.
 *
 * <p>Anchors follow GitHub's rule for headings: the heading's text (link targets and emphasis marks dropped),
 * lower-cased, every character that is not a letter, a digit, a space, {@code -} or {@code _} removed, and each
 * space turned into {@code -}; a repeated heading gets {@code -1}, {@code -2}, ... in order.
 */
final class MarkdownLinks {
    private static final Pattern LINK = Pattern.compile("!?\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)");
    private static final Pattern EXTERNAL = Pattern.compile("^(?i)(https?|mailto):");

    /** One link that does not resolve: where it is, what it says, and why it fails. */
    record Broken(Path file, int line, String link, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": (" + link + ") " + reason;
        }
    }

    /** One relative link found in a file, with its 1-based line. */
    record Link(int line, String target) {}

    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    private MarkdownLinks() {}

    /** Every broken relative link in the given markdown files, in file and line order. */
    static List<Broken> brokenLinks(List<Path> files) {
        MarkdownLinks checker = new MarkdownLinks();
        List<Broken> broken = new ArrayList<>();
        for (Path file : files) {
            for (Link link : links(read(file))) {
                String reason = checker.check(file, link.target());
                if (reason != null) {
                    broken.add(new Broken(file, link.line(), link.target(), reason));
                }
            }
        }
        return broken;
    }

    /** The relative links of a markdown text, outside code; external links are left out. */
    static List<Link> links(String markdown) {
        List<Link> links = new ArrayList<>();
        boolean inFence = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher link = LINK.matcher(CODE_SPAN.matcher(lines[i]).replaceAll(""));
            while (link.find()) {
                String target = link.group(2);
                if (!target.isEmpty() && !EXTERNAL.matcher(target).find()) {
                    links.add(new Link(i + 1, target));
                }
            }
        }
        return links;
    }

    /** The anchors GitHub gives the headings of a markdown text. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                String anchor = anchor(heading.group(2));
                int count = seen.merge(anchor, 1, Integer::sum);
                anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor for one heading's text. */
    static String anchor(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder anchor = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == ' ') {
                anchor.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                anchor.appendCodePoint(c);
            }
        });
        return anchor.toString();
    }

    /** Why the link fails, or null when it resolves. */
    private String check(Path file, String target) {
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "the target " + resolved + " does not exist";
        }
        if (anchor == null) {
            return null;
        }
        if (Files.isDirectory(resolved) || !resolved.toString().endsWith(".md")) {
            return "an anchor needs a markdown file, but " + resolved + " is not one";
        }
        Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, p -> anchors(read(p)));
        return anchors.contains(anchor) ? null : "no heading of " + resolved + " has the anchor #" + anchor;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
