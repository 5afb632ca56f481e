package dev.statickeys.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownLinksTest {
    @TempDir
    Path dir;

    @Test
    void anchorsFollowGithubsRule() {
        assertEquals("keys-that-follow-openfeature-flags-statickeys-openfeature",
                MarkdownLinks.anchor("Keys that follow OpenFeature flags (`statickeys-openfeature`)"));
        assertEquals("the-x86-simulation-the-kernels-own-patching-byte-for-byte",
                MarkdownLinks.anchor("The x86 simulation: the kernel's own patching, byte for byte"));
        assertEquals("the-sites-tool", MarkdownLinks.anchor("The `sites` tool"));
        assertEquals("snake_case-and-kebab-case", MarkdownLinks.anchor("snake_case and kebab-case"));
        assertEquals("see-the-guide", MarkdownLinks.anchor("See [the guide](guide.md)"));
    }

    @Test
    void repeatedHeadingsGetNumberedAnchorsAndHeadingsInCodeBlocksNone() {
        Set<String> anchors = MarkdownLinks.anchors("# Title\n## Tests\n```sh\n# not a heading\n```\n## Tests\n");
        assertEquals(Set.of("title", "tests", "tests-1"), anchors);
    }

    @Test
    void linksInCodeAndExternalLinksAreNotChecked() {
        List<MarkdownLinks.Link> links = MarkdownLinks.links("""
                see [a](a.md), ![img](b.svg) and [c](c.md#part "title")
                `[not](code.md)` and [web](https://example.org) and [mail](mailto:x@example.org)
                ```
                [not](fenced.md)
                ```
                """);
        assertEquals(List.of(new MarkdownLinks.Link(1, "a.md"), new MarkdownLinks.Link(1, "b.svg"),
                new MarkdownLinks.Link(1, "c.md#part")), links);
    }

    @Test
    void aMissingFileAndAMissingAnchorAreReportedWithFileLineAndLink() throws IOException {
        Files.writeString(dir.resolve("target.md"), "# Target\n## Part one\n");
        Path source = dir.resolve("source.md");
        Files.writeString(source, "# Source\n[ok](target.md#part-one) [self](#source)\n[gone](missing.md)\n"
                + "[wrong](target.md#part-two)\n");

        List<MarkdownLinks.Broken> broken = MarkdownLinks.brokenLinks(List.of(source));

        assertEquals(2, broken.size(), broken.toString());
        assertEquals(source + ":3: (missing.md) the target " + dir.resolve("missing.md") + " does not exist",
                broken.get(0).toString());
        assertEquals(source + ":4: (target.md#part-two) no heading of " + dir.resolve("target.md")
                + " has the anchor #part-two", broken.get(1).toString());
    }

    @Test
    void anAnchorIntoSomethingOtherThanMarkdownIsReported() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Path source = dir.resolve("source.md");
        Files.writeString(source, "[dir](sub/#x)\n");

        List<MarkdownLinks.Broken> broken = MarkdownLinks.brokenLinks(List.of(source));

        assertEquals(1, broken.size());
        assertTrue(broken.get(0).reason().startsWith("an anchor needs a markdown file"), broken.toString());
    }
}
