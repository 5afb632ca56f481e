package dev.statickeys.agent.ops;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a class whose sites the agent could not patch, with what its sites do instead. */
@Name("dev.statickeys.PatchFailure")
@Label("Static Key Patch Failure")
@Category("statickeys")
@Description("The agent could not patch a class's static key sites")
@StackTrace(false)
final class PatchFailureEvent extends Event {
    @Label("Class")
    String className;

    @Label("Keys")
    @Description("The keys of the patch operation, or empty when the class failed at load or initialization")
    String keys;

    @Label("Reason")
    String reason;
}
