package dev.s3sh.app;

import java.nio.file.Path;

/** What the policy service needs from a front end; as {@link CorsPorts}, with policy notices. */
public interface PolicyPorts {
    void tell(PolicyNotice notice);

    boolean interactive();

    boolean confirm(String question);

    void editFile(Path file) throws Exception;
}
