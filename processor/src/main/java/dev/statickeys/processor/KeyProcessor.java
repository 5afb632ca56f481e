package dev.statickeys.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.statickeys.KeyInfo;
import dev.statickeys.internal.core.KeyNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The statickeys annotation processor: checks every key declaration and key use while {@code javac}
 * compiles, and reports at the exact source position what the agent will not be able to patch.
 *
 * <table>
 *   <caption>Diagnostics</caption>
 *   <tr><th>kind</th><th>when</th></tr>
 *   <tr><td>error</td><td>a key name that breaks the naming rule; two keys with one name and different
 *       defaults in one compilation (the second would fail at run time)</td></tr>
 *   <tr><td>warning</td><td>a key name that is not a compile-time constant; a key field that is not
 *       {@code static final}; {@code isEnabled()} called on a key that is not read from a
 *       {@code static final} field; two keys with one name and the same default</td></tr>
 * </table>
 *
 * <p>Warnings are suppressed by {@code @SuppressWarnings("statickeys")} on the enclosing declaration.
 *
 * <p>It also writes the site table, {@code META-INF/statickeys/sites} in the class output (format in
 * {@link SiteTableWriter}): every class {@code javac} generates that mentions {@code StaticKey} is read
 * back as bytecode, exactly as the agent will see it, and its key declarations and sites recorded. A
 * partial recompilation keeps the records of the classes it did not compile whose class files are still
 * there.
 *
 * <p>The processor claims no annotation and generates no code. It needs {@code javac} (the Compiler Tree
 * API); under another compiler it prints a note and does nothing.
 */
public final class KeyProcessor extends AbstractProcessor {
    static final String STATIC_KEY = "dev.statickeys.StaticKey";
    static final String SUPPRESS = "statickeys";

    private static final byte[] KEY_TYPE = "dev/statickeys/StaticKey".getBytes(StandardCharsets.UTF_8);

    private Trees trees;
    private final Map<String, Declaration> declared = new HashMap<>();
    private final SiteTableWriter table = new SiteTableWriter();
    private final Set<String> generated = new HashSet<>();

    /** A key declaration seen in this compilation. */
    private static final class Declaration {
        final boolean initialValue;
        final String where;

        Declaration(boolean initialValue, String where) {
            this.initialValue = initialValue;
            this.where = where;
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        try {
            trees = Trees.instance(environment);
            JavacTask.instance(environment).addTaskListener(new TableListener());
            JavacTask.instance(environment).addTaskListener(new CheckListener());
        } catch (IllegalArgumentException notJavac) {
            trees = null;
            environment.getMessager().printMessage(Diagnostic.Kind.NOTE,
                    "statickeys: this compiler has no Compiler Tree API; key declarations are not checked"
                    + " and no site table is written");
        }
    }

    /** Records each generated class, and writes the table when the compilation ends. */
    private final class TableListener implements TaskListener {
        @Override
        public void finished(TaskEvent event) {
            try {
                if (event.getKind() == TaskEvent.Kind.GENERATE && event.getTypeElement() != null) {
                    record(event.getTypeElement());
                } else if (event.getKind() == TaskEvent.Kind.COMPILATION && !generated.isEmpty()) {
                    writeTable();
                }
            } catch (IOException | RuntimeException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                        "statickeys: the site table could not be written: " + e);
            }
        }
    }

    private void record(TypeElement type) throws IOException {
        String binary = processingEnv.getElementUtils().getBinaryName(type).toString();
        generated.add(binary);
        byte[] bytes = classFile(binary);
        if (bytes == null || !contains(bytes, KEY_TYPE)) {
            return;
        }
        Map<String, String[]> info = new HashMap<>();
        for (Element member : type.getEnclosedElements()) {
            KeyInfo annotation = member.getAnnotation(KeyInfo.class);
            if (annotation != null && member.getKind() == ElementKind.FIELD) {
                info.put(member.getSimpleName().toString(), new String[] {annotation.description(), annotation.owner()});
            }
        }
        table.put(binary, SiteTableWriter.records(ClassFileRecords.read(bytes), info));
    }

    private byte[] classFile(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        try (InputStream in = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT,
                dot < 0 ? "" : binaryName.substring(0, dot), binaryName.substring(dot + 1) + ".class").openInputStream()) {
            return in.readAllBytes();
        } catch (IOException | IllegalArgumentException missing) {
            return null;
        }
    }

    private void writeTable() throws IOException {
        List<String> earlier = new ArrayList<>();
        try {
            FileObject old = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", SiteTableWriter.RESOURCE);
            earlier = Arrays.asList(old.getCharContent(true).toString().split("\n"));
        } catch (IOException | IllegalArgumentException none) {
            // no earlier table
        }
        table.merge(earlier, className -> !generated.contains(className) && classFile(className) != null);
        if (table.isEmpty()) {
            return;
        }
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                SiteTableWriter.RESOURCE);
        try (OutputStream out = file.openOutputStream()) {
            out.write(table.text().getBytes(StandardCharsets.UTF_8)); // UTF-8 whatever javac's -encoding
        }
    }

    private static boolean contains(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Claims nothing and does nothing in the rounds: the checks run once each class is analyzed
     * ({@link CheckListener}). Asking javac for elements of method bodies during a round makes it
     * attribute them early, and later attribution of the same code can then fail with errors such as
     * "cannot find symbol: class &lt;captured wildcard&gt;" (seen with a stream collecting a
     * {@code Set<? extends T>}).
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
    }

    /** Checks each class's key declarations and uses once javac has attributed and flow-analyzed it. */
    private final class CheckListener implements TaskListener {
        @Override
        public void finished(TaskEvent event) {
            if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
                return;
            }
            TreePath path = trees.getPath(event.getTypeElement());
            if (path != null) {
                new Scanner(path.getCompilationUnit()).scan(path, null);
            }
        }
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            ExecutableElement method = method(call);
            if (method != null && isStaticKeyMember(method)) {
                String name = method.getSimpleName().toString();
                if (name.equals("defineFalse") || name.equals("defineTrue")) {
                    checkDefinition(call, name.equals("defineTrue"));
                } else if (name.equals("isEnabled")) {
                    checkUse(call);
                }
            }
            return super.visitMethodInvocation(call, unused);
        }

        /** {@code defineFalse/defineTrue(name)}: the name, the field it initializes, duplicates. */
        private void checkDefinition(MethodInvocationTree call, boolean initialValue) {
            ExpressionTree argument = call.getArguments().get(0);
            Object constant = constantValue(argument);
            if (!(constant instanceof String)) {
                warn(argument, "static key name is not a compile-time constant: the agent cannot tell which key"
                        + " this is, so its sites stay plain checks; use a string literal or a constant");
                return;
            }
            String name = (String) constant;
            try {
                KeyNames.check(name);
            } catch (IllegalArgumentException invalid) {
                trees.printMessage(Diagnostic.Kind.ERROR, invalid.getMessage(), argument, unit);
                return;
            }
            VariableElement field = initializedField(call);
            if (field == null) {
                return; // a key made in code, not declared: nothing to record
            }
            if (!field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))) {
                warn(call, "static key \"" + name + "\" is held in field " + field.getSimpleName()
                        + ", which is not static final: its sites stay plain checks");
            }
            String where = field.getEnclosingElement() + "." + field.getSimpleName();
            Declaration earlier = declared.putIfAbsent(name, new Declaration(initialValue, where));
            if (earlier != null && !earlier.where.equals(where)) {
                if (earlier.initialValue != initialValue) {
                    trees.printMessage(Diagnostic.Kind.ERROR, "static key \"" + name + "\" is already declared by "
                            + earlier.where + " with " + define(earlier.initialValue) + "; declaring it with "
                            + define(initialValue) + " fails when the second class is initialized", call, unit);
                } else {
                    warn(call, "static key \"" + name + "\" is also declared by " + earlier.where
                            + ": both fields hold the same key");
                }
            }
        }

        /** {@code key.isEnabled()}: patchable only on a static final field read. */
        private void checkUse(MethodInvocationTree call) {
            if (!(call.getMethodSelect() instanceof MemberSelectTree)) {
                return; // inside StaticKey itself
            }
            ExpressionTree receiver = ((MemberSelectTree) call.getMethodSelect()).getExpression();
            Element target = trees.getElement(new TreePath(getCurrentPath(), receiver));
            boolean field = target != null && target.getKind() == ElementKind.FIELD
                    && target.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL));
            if (!field) {
                warn(call, "isEnabled() on " + receiver + ", which is not a static final field: this check"
                        + " cannot be patched and stays a plain check (a volatile read)");
            }
        }

        private void warn(Tree tree, String message) {
            if (!suppressed()) {
                trees.printMessage(Diagnostic.Kind.WARNING, message, tree, unit);
            }
        }

        private boolean suppressed() {
            for (TreePath path = getCurrentPath(); path != null; path = path.getParentPath()) {
                Element element = trees.getElement(path);
                SuppressWarnings suppress = element == null ? null : element.getAnnotation(SuppressWarnings.class);
                if (suppress != null && Set.of(suppress.value()).contains(SUPPRESS)) {
                    return true;
                }
            }
            return false;
        }

        private ExecutableElement method(MethodInvocationTree call) {
            Element element = trees.getElement(getCurrentPath());
            return element instanceof ExecutableElement ? (ExecutableElement) element : null;
        }

        private Object constantValue(ExpressionTree expression) {
            if (expression instanceof LiteralTree) {
                return ((LiteralTree) expression).getValue();
            }
            if (expression instanceof IdentifierTree || expression instanceof MemberSelectTree) {
                Element element = trees.getElement(new TreePath(getCurrentPath(), expression));
                if (element instanceof VariableElement) {
                    return ((VariableElement) element).getConstantValue();
                }
            }
            return null;
        }

        /** The field whose initializer is exactly {@code call}, or null. */
        private VariableElement initializedField(MethodInvocationTree call) {
            TreePath parent = getCurrentPath().getParentPath();
            if (parent == null || !(parent.getLeaf() instanceof VariableTree)
                    || ((VariableTree) parent.getLeaf()).getInitializer() != call) {
                return null;
            }
            Element element = trees.getElement(parent);
            return element != null && element.getKind() == ElementKind.FIELD ? (VariableElement) element : null;
        }
    }

    private static boolean isStaticKeyMember(ExecutableElement method) {
        Element owner = method.getEnclosingElement();
        return owner instanceof TypeElement && ((TypeElement) owner).getQualifiedName().contentEquals(STATIC_KEY);
    }

    private static String define(boolean initialValue) {
        return initialValue ? "defineTrue" : "defineFalse";
    }
}
