package dev.statickeys.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the repository's documentation resolves: README.md and every docs/**.md file, with
 * anchors. The repository root is found by walking up from the directory the build names in the system
 * property {@value #ROOT_PROPERTY} (api/pom.xml passes the module's parent), or from the working directory,
 * to the first directory that holds both README.md and docs/.
 */
class DocumentationLinksTest {
    static final String ROOT_PROPERTY = "statickeys.repository.root";

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsResolves() throws IOException {
        Path root = repositoryRoot();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }

        List<MarkdownLinks.Broken> broken = MarkdownLinks.brokenLinks(files);

        if (!broken.isEmpty()) {
            fail(broken.size() + " broken relative link(s) in the documentation:\n" + broken.stream()
                    .map(b -> "  " + root.relativize(b.file()) + ":" + b.line() + ": (" + b.link() + ") " + b.reason())
                    .collect(Collectors.joining("\n")));
        }
        assertTrue(files.size() > 1, "no markdown files under " + root.resolve("docs"));
    }

    private static Path repositoryRoot() {
        String start = System.getProperty(ROOT_PROPERTY, System.getProperty("user.dir"));
        for (Path dir = Path.of(start).toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory holding README.md and docs/ at or above " + start
                + " (system property " + ROOT_PROPERTY + "); expected the repository root or a directory inside it");
    }
}
