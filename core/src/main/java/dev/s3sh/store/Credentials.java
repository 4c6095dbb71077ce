package dev.s3sh.store;

import dev.s3sh.config.DelegatedCredentials;
import dev.s3sh.config.Profile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The keys a client signs with. Stored keys are static. A profile that obtains its keys
 * ({@code credential_process}, {@code role_arn}, SSO, web identity) goes to the SDK's own
 * {@link ProfileCredentialsProvider}, kept for the client's whole life: the SDK's providers cache
 * keys and fetch new ones before they expire, so a long session never needs restarting.
 */
final class Credentials {
    private Credentials() {
    }

    static AwsCredentialsProvider provider(Profile p) {
        DelegatedCredentials d = p.delegated();
        if (d == null) return StaticCredentialsProvider.create(stored(p));
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        if (d.configFile() != null) {
            files.addFile(ProfileFile.builder().content(d.configFile()).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (d.credentialsFile() != null) {
            files.addFile(ProfileFile.builder().content(d.credentialsFile()).type(ProfileFile.Type.CREDENTIALS).build());
        }
        ProfileFile profiles = files.build();
        return new Explained(ProfileCredentialsProvider.builder().profileFile(profiles).profileName(d.awsProfile()).build(), d);
    }

    private static AwsCredentials stored(Profile p) {
        if (p.sessionToken() != null && !p.sessionToken().isBlank()) {
            return AwsSessionCredentials.create(p.accessKey(), p.secretKey(), p.sessionToken());
        }
        return AwsBasicCredentials.create(p.accessKey(), p.secretKey());
    }

    /** The SDK's provider, whose failures name the profile, the way and what to check. */
    private record Explained(ProfileCredentialsProvider sdk, DelegatedCredentials how)
            implements AwsCredentialsProvider, SdkAutoCloseable {
        @Override
        public AwsCredentials resolveCredentials() {
            try {
                return sdk.resolveCredentials();
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                // only the SDK's own first line: causes may quote the process's output, which can hold keys
                String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
                if (first.length() > 200) first = first.substring(0, 200) + "…";
                throw new StoreException("NoCredentials", 0, "could not obtain keys through " + how.describe() + ": "
                        + first + " (check that profile, e.g. with 'aws sts get-caller-identity --profile "
                        + how.awsProfile() + "')");
            }
        }

        @Override
        public void close() {
            sdk.close();
        }
    }
}
