package dev.statickeys.agent.ops;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: one key's state changed and its sites were re-patched. The event's duration is the patch operation's. */
@Name("dev.statickeys.Flip")
@Label("Static Key Flip")
@Category("statickeys")
@Description("A static key changed state and the agent re-patched its sites")
@StackTrace(true)
final class FlipEvent extends Event {
    @Label("Key")
    String key;

    @Label("Enabled")
    boolean enabled;

    @Label("Classes Retransformed")
    @Description("Classes passed to retransformClasses by the patch operation (holders and classes with inline sites)")
    int classesRetransformed;

    @Label("Keys In Operation")
    @Description("Keys patched by the same operation (more than one in a batch)")
    int keysInOperation;

    @Label("Backend")
    @Description("How the key's sites are patched: holder, inline or holder+inline")
    String backend;

    @Label("Failed Classes")
    @Description("Classes of the operation that could not be patched (see Static Key Patch Failure)")
    int failedClasses;
}
