package dev.statickeys.benchmarks;

import java.util.List;
import java.util.Locale;

/** The report's two charts as plain SVG: grouped horizontal bars and lines, both on log scales. NaN is skipped. */
final class Svg {
    private Svg() {}

    static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int LABEL_WIDTH = 260;
    private static final int PLOT_WIDTH = 520;

    /** One group of bars per label, one bar per series; values are ratios drawn on a log axis. */
    static String bars(String title, List<String> labels, List<String> series, List<double[]> values) {
        double max = 2;
        double min = 0.5;
        for (double[] row : values) {
            for (double value : row) {
                if (!Double.isNaN(value)) {
                    max = Math.max(max, value);
                    min = Math.min(min, value);
                }
            }
        }
        double low = Math.pow(2, Math.floor(log2(min)));
        double high = Math.pow(2, Math.ceil(log2(max)));
        int barHeight = 9;
        int groupHeight = barHeight * series.size() + 8;
        int top = 50;
        int height = top + groupHeight * labels.size() + 40;
        int width = LABEL_WIDTH + PLOT_WIDTH + 60;
        StringBuilder svg = start(width, height, title);
        for (double tick = low; tick <= high * 1.0001; tick *= 2) {
            double x = LABEL_WIDTH + PLOT_WIDTH * (log2(tick) - log2(low)) / (log2(high) - log2(low));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, top - 5, x, height - 35, tick == 1 ? "#000" : "#ddd", x, height - 20, trim(tick)));
        }
        for (int i = 0; i < labels.size(); i++) {
            int y = top + i * groupHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + groupHeight / 2 + 3, escape(labels.get(i))));
            for (int s = 0; s < series.size(); s++) {
                double value = values.get(i)[s];
                if (Double.isNaN(value)) {
                    continue;
                }
                double x = LABEL_WIDTH + PLOT_WIDTH * (log2(value) - log2(low)) / (log2(high) - log2(low));
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %.2f</title></rect>%n",
                        LABEL_WIDTH, y + s * barHeight, Math.max(1, x - LABEL_WIDTH), barHeight - 1, COLORS[s % COLORS.length],
                        escape(labels.get(i)), escape(series.get(s)), value));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%.2f</text>%n",
                        Math.max(LABEL_WIDTH + 1, x) + 3, y + s * barHeight + barHeight - 1, value));
            }
        }
        legend(svg, series, LABEL_WIDTH, 34);
        return svg.append("</svg>\n").toString();
    }

    /** One line per series over the x values, both axes log10. */
    static String lines(String title, double[] xs, List<String> series, List<double[]> values) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double[] row : values) {
            for (double value : row) {
                if (!Double.isNaN(value) && value > 0) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (max == 0) {
            min = 1;
            max = 10;
        }
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        if (high <= low) {
            high = low * 10;
        }
        int left = 80;
        int top = 40;
        int plotHeight = 320;
        int legendTop = top + plotHeight + 45;
        int height = legendTop + 16 * series.size() + 10;
        int width = left + PLOT_WIDTH + 40;
        StringBuilder svg = start(width, height, title);
        double xLow = Math.log10(xs[0]);
        double xHigh = Math.log10(xs[xs.length - 1]);
        for (double tick = low; tick <= high * 1.0001; tick *= 10) {
            double y = top + plotHeight - plotHeight * (Math.log10(tick) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s µs</text>%n",
                    left, y, left + PLOT_WIDTH, y, left - 6, y + 4, trim(tick)));
        }
        for (double x : xs) {
            double px = left + PLOT_WIDTH * (Math.log10(x) - xLow) / (xHigh - xLow);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, top, px, top + plotHeight, px, top + plotHeight + 16, trim(x)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">classes holding sites</text>%n",
                left + PLOT_WIDTH / 2, top + plotHeight + 32));
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                double value = values.get(s)[i];
                if (Double.isNaN(value) || value <= 0) {
                    continue;
                }
                double px = left + PLOT_WIDTH * (Math.log10(xs[i]) - xLow) / (xHigh - xLow);
                double py = top + plotHeight - plotHeight * (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %s: %.3g µs</title></circle>%n",
                        px, py, COLORS[s % COLORS.length], escape(series.get(s)), trim(xs[i]), value));
            }
            svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    COLORS[s % COLORS.length], points.toString().trim())).append(dots);
        }
        for (int s = 0; s < series.size(); s++) {
            int y = legendTop + 16 * s;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", left, y - 4, COLORS[s % COLORS.length], left + 18, y, escape(series.get(s))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder start(int width, int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format("<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>%n"));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", escape(title)));
        return svg;
    }

    private static void legend(StringBuilder svg, List<String> series, int x, int y) {
        int at = x;
        for (int s = 0; s < series.size(); s++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", at, y - 9, COLORS[s % COLORS.length], at + 14, y, escape(series.get(s))));
            at += 30 + 7 * series.get(s).length();
        }
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%s", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
