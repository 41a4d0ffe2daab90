package io.dunninghub.channel.aws;

import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.ProviderSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What the AWS adapters (SES, SNS) share: their options, one SDK client per provider built from them (SigV4 by
 * the SDK, the JDK's HttpURLConnection underneath, no SDK retries: the ledger retries), and one reading of the
 * SDK's exceptions in the hub's terms: a service error by its code and status, a transport failure by what may
 * have reached AWS.
 */
public final class AwsSdk {

    private AwsSdk() {
    }

    /** The options every AWS adapter takes. */
    public static List<AdapterOption> options() {
        return AdapterType.with(List.of(
                AdapterOption.of("region", AdapterOption.Type.TEXT, "the AWS region, e.g. eu-west-1").required(),
                AdapterOption.of("access-key-id", AdapterOption.Type.TEXT, "an IAM user's key; without it the "
                        + "SDK's default chain (environment, profile, container or instance role)"),
                AdapterOption.of("secret-access-key", AdapterOption.Type.SECRET, "with access-key-id"),
                AdapterOption.of("session-token", AdapterOption.Type.SECRET, "with temporary credentials"),
                AdapterOption.of("base-url", AdapterOption.Type.URL, "another endpoint (a VPC endpoint, a test "
                        + "double)").defaultsTo("the region's endpoint")),
                AdapterType.httpTimeouts());
    }

    /** access-key-id and secret-access-key come together. */
    public static AdapterType.Problem check(Map<String, String> options) {
        boolean id = !blank(options.get("access-key-id"));
        boolean secret = !blank(options.get("secret-access-key"));
        if (id != secret) {
            return new AdapterType.Problem(id ? "secret-access-key" : "access-key-id",
                    "access-key-id and secret-access-key go together");
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Region, credentials, endpoint, HTTP client and timeouts of a provider entry on a client builder. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, ProviderSettings s) {
        Duration connect = Duration.ofMillis(s.intOption("connect-timeout-ms", 5_000));
        Duration timeout = Duration.ofMillis(s.intOption("timeout-ms", 15_000));
        builder.region(Region.of(s.option("region")))
                .credentialsProvider(credentials(s))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(timeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(timeout)
                        .apiCallTimeout(timeout.plus(connect))
                        .build());
        if (s.option("base-url") != null) {
            builder.endpointOverride(URI.create(s.option("base-url")));
        }
        return builder;
    }

    private static AwsCredentialsProvider credentials(ProviderSettings s) {
        if (s.option("access-key-id") == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = s.option("session-token");
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(s.option("access-key-id"), s.option("secret-access-key"))
                : AwsSessionCredentials.create(s.option("access-key-id"), s.option("secret-access-key"), token));
    }

    /** An AWS service's error: its code ({@code MessageRejected}, {@code Throttling} …) and HTTP status. */
    public record ServiceError(String code, int status, String message) {
    }

    /** The service error the exception carries, or null when it is not one. */
    public static ServiceError serviceError(SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
            return new ServiceError(code == null || code.isBlank() ? "HTTP_" + s.statusCode() : code, s.statusCode(),
                    message == null ? "" : message);
        }
        return null;
    }

    /**
     * A failure before AWS answered. {@code CONNECTION_ERROR}: nothing left this host; {@code TIMEOUT} and
     * {@code CONNECTION_LOST}: the request may have reached AWS (no failover); {@code AUTH_UNAVAILABLE}: no
     * credentials could be had, nothing was sent.
     */
    public static DeliveryResult transport(String provider, SdkException e) {
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return DeliveryResult.retry(provider, "TIMEOUT", "no answer in time; the request may have been processed", null);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return DeliveryResult.retry(provider, "CONNECTION_ERROR", "cannot connect: " + t.getClass().getSimpleName(), null);
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return DeliveryResult.retry(provider, "TIMEOUT", "no answer in time; the request may have been processed", null);
            }
            if (t instanceof IOException) {
                return DeliveryResult.retry(provider, "CONNECTION_LOST", t.getClass().getSimpleName()
                        + "; the request may have been processed", null);
            }
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
            return DeliveryResult.retry(provider, "AUTH_UNAVAILABLE", "no AWS credentials: " + e.getClass().getSimpleName(), null);
        }
        return DeliveryResult.retry(provider, "PROVIDER_EXCEPTION", e.getClass().getSimpleName(), null);
    }
}
