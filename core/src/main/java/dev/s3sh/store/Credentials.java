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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.nio.file.Path;

/**
 * The keys a client signs with. Stored keys are static. A profile that obtains its keys
 * ({@code credential_process}, {@code role_arn}, SSO, web identity) goes to the SDK's own
 * {@link ProfileCredentialsProvider}, kept for the client's whole life: the SDK's providers cache
 * keys and fetch new ones before they expire, so a long session never needs restarting.
 * <p>
 * STS: the SDK's profile providers send AssumeRole and AssumeRoleWithWebIdentity to AWS's STS and never
 * read the profile's {@code endpoint_url}. For a profile with its own endpoint (RGW serves STS on its S3
 * endpoint when {@code rgw_s3_auth_use_sts} is on) the same SDK providers get an STS client pointed at
 * that endpoint, or at the one of the profile's {@code [services NAME]} section ({@code sts = endpoint_url = ...})
 * as the AWS CLI reads it, through the same HTTP client (CA bundle, proxy) as S3. SSO goes to the
 * SDK unchanged: its portal is AWS's, or the one {@code AWS_ENDPOINT_URL_SSO} names.
 */
final class Credentials {
    private Credentials() {
    }

    static AwsCredentialsProvider provider(Profile p) {
        return provider(p, null);
    }

    /** {@code http}: the HTTP configuration STS requests go through (null: the SDK's default). */
    static AwsCredentialsProvider provider(Profile p, HttpClients http) {
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
        AwsCredentialsProvider sts = stsAtEndpoint(p, profiles, http);
        return new Explained(sts != null ? sts
                : ProfileCredentialsProvider.builder().profileFile(profiles).profileName(d.awsProfile()).build(), d);
    }

    /**
     * The SDK's AssumeRole (with {@code source_profile}) or web-identity provider, its STS client sent
     * to the profile's endpoint; null for other ways, which the SDK's profile provider serves as is.
     */
    private static AwsCredentialsProvider stsAtEndpoint(Profile p, ProfileFile profiles, HttpClients http) {
        var aws = profiles.profile(p.delegated().awsProfile()).orElse(null);
        if (aws == null || !"role_arn".equals(p.delegated().mechanism()) && !"web_identity_token_file".equals(p.delegated().mechanism())) {
            return null;
        }
        String roleArn = aws.property("role_arn").orElse(null);
        String session = aws.property("role_session_name").orElse("s3sh-" + System.currentTimeMillis());
        String tokenFile = aws.property("web_identity_token_file").orElse(null);
        String sourceProfile = aws.property("source_profile").orElse(null);
        if (roleArn == null) return null;
        if (tokenFile == null && sourceProfile == null) return null; // credential_source: the SDK's own lookup
        // the AWS CLI's service-specific endpoint ([services NAME] with sts = endpoint_url = ...) wins over the profile's
        URI endpoint = aws.property("services").flatMap(name -> profiles.getSection("services", name))
                .flatMap(section -> section.property("sts.endpoint_url")).map(URI::create).orElse(p.endpoint());
        if (endpoint == null) return null;
        software.amazon.awssdk.services.sts.StsClientBuilder client = StsClient.builder().endpointOverride(endpoint).region(Region.of(p.region()));
        if (http != null) client.httpClientBuilder(http.forEndpoint(endpoint).sdk());
        if (tokenFile != null) {
            // AssumeRoleWithWebIdentity is not signed: no keys are needed to ask
            client.credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create());
            return StsWebIdentityTokenFileCredentialsProvider.builder().stsClient(client.build()).roleArn(roleArn)
                    .roleSessionName(session).webIdentityTokenFile(Path.of(tokenFile)).build();
        }
        AwsCredentialsProvider source = ProfileCredentialsProvider.builder().profileFile(profiles).profileName(sourceProfile).build();
        StsClient sts = client.credentialsProvider(source).build();
        return new Closing(StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(r -> {
            r.roleArn(roleArn).roleSessionName(session);
            aws.property("external_id").ifPresent(r::externalId);
            aws.property("duration_seconds").map(Integer::valueOf).ifPresent(r::durationSeconds);
        }).build(), sts, source);
    }

    /** A provider that also closes the STS client and the source provider it was given (the SDK leaves them open). */
    private record Closing(StsAssumeRoleCredentialsProvider sdk, StsClient sts, AwsCredentialsProvider source)
            implements AwsCredentialsProvider, SdkAutoCloseable {
        @Override
        public AwsCredentials resolveCredentials() {
            return sdk.resolveCredentials();
        }

        @Override
        public void close() {
            sdk.close();
            sts.close();
            IoUtils.closeIfCloseable(source, null);
        }
    }

    private static AwsCredentials stored(Profile p) {
        if (p.sessionToken() != null && !p.sessionToken().isBlank()) {
            return AwsSessionCredentials.create(p.accessKey(), p.secretKey(), p.sessionToken());
        }
        return AwsBasicCredentials.create(p.accessKey(), p.secretKey());
    }

    /** The SDK's provider, whose failures name the profile, the way and what to check. */
    private record Explained(AwsCredentialsProvider sdk, DelegatedCredentials how)
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
                        + first + " (" + whatToDo(how) + ")");
            }
        }

        /** SSO keys come from a token that only a login renews; the other ways are checked as the AWS CLI would. */
        private static String whatToDo(DelegatedCredentials how) {
            return how.mechanism().startsWith("sso_") ? "log in again with 'aws sso login --profile " + how.awsProfile() + "'"
                    : "check that profile, e.g. with 'aws sts get-caller-identity --profile " + how.awsProfile() + "'";
        }

        @Override
        public void close() {
            IoUtils.closeIfCloseable(sdk, null);
        }
    }
}
