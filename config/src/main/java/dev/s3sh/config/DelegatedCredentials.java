package dev.s3sh.config;

import java.nio.file.Path;

/**
 * Keys that an AWS profile obtains at connect time rather than stores: {@code credential_process},
 * {@code role_arn} (with {@code source_profile} or {@code credential_source}), {@code sso_session} /
 * {@code sso_start_url} and {@code web_identity_token_file}. The configuration only says where: the
 * store hands the profile to the AWS SDK's own credential providers, which also refresh keys that
 * expire. {@code mechanism} is the key that names the way (e.g. {@code credential_process});
 * {@code source} where it was found, e.g. {@code ~/.aws/config line 12}. Either file may be null.
 */
public record DelegatedCredentials(String awsProfile, String mechanism, String source, Path configFile,
                                   Path credentialsFile) {
    /** E.g. "credential_process of AWS profile 'ci' (~/.aws/config line 12)". */
    public String describe() {
        return mechanism + " of AWS profile '" + awsProfile + "' (" + source + ")";
    }
}
