package dev.s3sh.app;

import java.nio.file.Path;

/** What the lifecycle service needs from a front end; as {@link PolicyPorts}, with lifecycle notices. */
public interface LifecyclePorts {
    void tell(LifecycleNotice notice);

    boolean interactive();

    boolean confirm(String question);

    void editFile(Path file) throws Exception;
}
