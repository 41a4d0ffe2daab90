package io.dunninghub.channel.print;

import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.JsonNode;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered / certified letters through Lob's letters API ({@code POST /v1/letters}, multipart with the
 * rendered PDF as {@code file}). The notice id is the {@code Idempotency-Key}, so a retry after a timeout
 * returns the letter already created instead of printing a second one. The provider id is the {@code ltr_}
 * id; the tracking number goes into the SENT event.
 */
public final class LobLetterAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("lob", Set.of("letter"),
            "Lob letters API: multipart POST /v1/letters with the rendered PDF, Idempotency-Key = notice id, after "
                    + "GET /v1/letters?metadata[notice_id]= found no letter for the notice (Lob keeps a key 24 h). The "
                    + "provider id is the ltr_ id; tracking_number, service and expected delivery go into the SENT "
                    + "event. certified for US destinations, registered for the others. Lob prints US Letter only: set "
                    + "hub.render.letter-paper = LETTER.",
            AdapterType.with(List.of(
                    AdapterOption.of("api-key", AdapterOption.Type.SECRET, "test_… or live_…").required(),
                    AdapterOption.of("from-address-id", AdapterOption.Type.TEXT, "the lender's return address saved "
                            + "at Lob (adr_…)").required(),
                    AdapterOption.choice("extra-service", "certified", List.of("certified", "certified_return_receipt",
                            "none"), "for US destinations (Lob's certified is domestic only)"),
                    AdapterOption.choice("international-service", "registered", List.of("registered", "none"),
                            "for destinations outside the US (Lob's registered is international only)"),
                    AdapterOption.of("mail-type", AdapterOption.Type.TEXT, "").defaultsTo("usps_first_class"),
                    AdapterOption.of("color", AdapterOption.Type.BOOLEAN, "").defaultsTo("false"),
                    AdapterOption.of("double-sided", AdapterOption.Type.BOOLEAN, "").defaultsTo("false"),
                    AdapterOption.of("address-placement", AdapterOption.Type.TEXT, "the hub's PDF has its own address "
                            + "block").defaultsTo("insert_blank_page"),
                    AdapterOption.of("country", AdapterOption.Type.TEXT, "country of addresses that are not US-shaped")
                            .defaultsTo("US"),
                    AdapterOption.of("lob-version", AdapterOption.Type.TEXT, "the Lob-Version header"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://api.lob.com")),
                    AdapterType.httpTimeouts()),
            AdapterType.CrossCheck.NONE, (s, camel) -> new LobLetterAdapter(s));

    private static final Logger LOG = LoggerFactory.getLogger(LobLetterAdapter.class);
    static final Set<String> EXTRA_SERVICES = Set.of("certified", "certified_return_receipt", "none");
    static final Set<String> INTERNATIONAL_SERVICES = Set.of("registered", "none");
    static final Set<String> TRANSIENT = Set.of("internal_server_error", "service_unavailable", "request_timeout", "rate_limit_exceeded");

    private final String name;
    private final URI endpoint;
    private final String authorization;
    private final String lobVersion;
    private final String from;
    private final String extraService;
    private final String internationalService;
    private final URI lookup;
    private final String mailType;
    private final boolean color;
    private final boolean doubleSided;
    private final String addressPlacement;
    private final String country;
    private final ProviderHttp http;

    public LobLetterAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    LobLetterAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.endpoint = URI.create(s.option("base-url", "https://api.lob.com").replaceAll("/+$", "") + "/v1/letters");
        // API key as user name, empty password
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((s.option("api-key") + ":").getBytes(StandardCharsets.UTF_8));
        this.lobVersion = s.option("lob-version");
        this.from = s.option("from-address-id");
        this.extraService = s.option("extra-service", "certified");
        if (!EXTRA_SERVICES.contains(extraService)) {
            throw new IllegalArgumentException("provider " + name + ": extra-service must be one of " + EXTRA_SERVICES
                    + " (registered is international only: international-service)");
        }
        this.internationalService = s.option("international-service", "registered");
        if (!INTERNATIONAL_SERVICES.contains(internationalService)) {
            throw new IllegalArgumentException("provider " + name + ": international-service must be one of "
                    + INTERNATIONAL_SERVICES);
        }
        this.lookup = endpoint;
        this.mailType = s.option("mail-type", "usps_first_class");
        this.color = s.boolOption("color", false);
        this.doubleSided = s.boolOption("double-sided", false);
        // our PDF carries its own address block; Lob's goes on an added blank first page
        this.addressPlacement = s.option("address-placement", "insert_blank_page");
        this.country = s.option("country", "US");
        this.http = new ProviderHttp(s, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (m.pdf() == null) {
            return DeliveryResult.failed(name, "NO_DOCUMENT", "letter notice without a PDF");
        }
        PostalAddress to;
        try {
            to = PostalAddress.parse(m.recipient(), country);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: notice {} not sent to {}: {}", name, m.noticeId(), Mask.tail(m.recipient()), e.getMessage());
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", e.getMessage());
        }
        if (m.recipientName() == null || m.recipientName().isBlank()) {
            // Lob's address needs a name or a company; a letter to nobody is not a legal notice either
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "no recipient name (Lob requires to[name])");
        }
        // Lob keeps an idempotency key 24 h: a notice tried again later must not print a second letter
        DeliveryResult earlier = existing(m.noticeId());
        if (earlier != null) {
            return earlier;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("description", "notice " + m.noticeId());
        fields.put("to[name]", m.recipientName().strip());
        fields.put("to[address_line1]", to.line1());
        if (to.line2() != null) {
            fields.put("to[address_line2]", to.line2());
        }
        if (to.city() != null) {
            fields.put("to[address_city]", to.city());
        }
        if (to.state() != null) {
            fields.put("to[address_state]", to.state());
        }
        if (to.zip() != null) {
            fields.put("to[address_zip]", to.zip());
        }
        fields.put("to[address_country]", to.country());
        // certified tracks domestic destinations, registered international ones
        String service = "US".equals(to.country()) ? extraService : internationalService;
        fields.put("from", from);
        fields.put("color", Boolean.toString(color));
        fields.put("double_sided", Boolean.toString(doubleSided));
        fields.put("address_placement", addressPlacement);
        fields.put("mail_type", mailType);
        fields.put("use_type", "operational");
        if (!service.equals("none")) {
            fields.put("extra_service", service);
        }
        fields.put("metadata[notice_id]", m.noticeId());

        String boundary = "hub-" + java.util.UUID.randomUUID();
        MultipartEntityBuilder multipart = MultipartEntityBuilder.create().setMode(HttpMultipartMode.STRICT)
                .setBoundary(boundary).setCharset(StandardCharsets.UTF_8);
        ContentType text = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);
        fields.forEach((k, v) -> multipart.addTextBody(k, v, text));
        multipart.addBinaryBody("file", m.pdf(), ContentType.create("application/pdf"), "notice.pdf");
        HttpEntity entity = multipart.build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            entity.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = http.request(endpoint)
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", m.noticeId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
        if (lobVersion != null) {
            request.header("Lob-Version", lobVersion);
        }
        ProviderHttp.Answer a = http.send(request.build(), m.noticeId());
        if (a.failure() != null) {
            return a.failure();
        }
        DeliveryResult result = answer(a);
        LOG.debug("{}: notice {}: {} {}", name, m.noticeId(), result.outcome(),
                result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
        return result;
    }

    /**
     * The letter Lob already holds for this notice (letters_list filtered by {@code metadata[notice_id]}), as a SENT
     * result; null when there is none; a RETRY when Lob cannot say, since creating one blind might print it twice.
     */
    private DeliveryResult existing(String noticeId) {
        URI query = URI.create(lookup + "?limit=2&" + URLEncoder.encode("metadata[notice_id]", StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(noticeId, StandardCharsets.UTF_8));
        HttpRequest.Builder request = http.request(query).header("Authorization", authorization).GET();
        if (lobVersion != null) {
            request.header("Lob-Version", lobVersion);
        }
        ProviderHttp.Answer a = http.send(request.build(), noticeId);
        if (a.failure() != null) {
            return DeliveryResult.retry(name, "LOB_LOOKUP_FAILED", "cannot tell whether Lob has the letter already: "
                    + a.failure().reasonCode(), null);
        }
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() == 429) {
            return DeliveryResult.retry(name, "RATE_LIMITED", "HTTP 429 looking the letter up",
                    untilReset(a.header("ratelimit-reset")));
        }
        if (a.status() != 200 || json == null || !json.path("data").isArray()) {
            return DeliveryResult.retry(name, "LOB_LOOKUP_FAILED", "HTTP " + a.status()
                    + " looking the letter up; nothing created", null);
        }
        for (JsonNode letter : json.get("data")) {
            if (noticeId.equals(letter.path("metadata").path("notice_id").asText(null))
                    && letter.path("id").asText("").startsWith("ltr_") && !letter.path("deleted").asBoolean(false)) {
                DeliveryResult sent = sent(letter, "created earlier");
                LOG.info("{}: notice {}: Lob has letter {} already, not created again", name, noticeId,
                        sent.providerMessageId());
                return sent;
            }
        }
        return null;
    }

    private DeliveryResult sent(JsonNode json, String note) {
        StringBuilder detail = new StringBuilder();
        String tracking = json.path("tracking_number").asText("");
        detail.append(tracking.isBlank() ? "tracking pending" : "tracking " + tracking);
        if (json.hasNonNull("extra_service")) {
            detail.append(", ").append(json.get("extra_service").asText());
        }
        if (json.hasNonNull("expected_delivery_date")) {
            detail.append(", expected ").append(json.get("expected_delivery_date").asText());
        }
        if (note != null) {
            detail.append(" (").append(note).append(")");
        }
        return DeliveryResult.sent(name, json.path("id").asText(), detail.toString());
    }

    private DeliveryResult answer(ProviderHttp.Answer a) {
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() / 100 == 2) {
            String id = json == null ? "" : json.path("id").asText("");
            if (!id.startsWith("ltr_")) {
                return DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP " + a.status() + " without a letter id; the letter may have been created");
            }
            return sent(json, null);
        }
        JsonNode error = json == null ? null : json.path("error");
        String code = error == null ? "" : error.path("code").asText("");
        String detail = "HTTP " + a.status() + (code.isEmpty() ? "" : ", " + code + ": " + ProviderHttp.redact(error.path("message").asText("")));
        if (a.status() == 429 || code.equals("rate_limit_exceeded")) {
            return DeliveryResult.retry(name, "RATE_LIMITED", detail, untilReset(a.header("ratelimit-reset")));
        }
        if (TRANSIENT.contains(code) || a.status() >= 500 || a.status() == 408) {
            return DeliveryResult.retry(name, code.isEmpty() ? "HTTP_" + a.status() : "LOB_" + code, detail, null);
        }
        return DeliveryResult.failed(name, code.isEmpty() ? "HTTP_" + a.status() : "LOB_" + code, detail);
    }

    /** Lob sends no Retry-After: {@code ratelimit-reset} is the epoch second the window opens, else wait 5 s. */
    private Duration untilReset(String reset) {
        if (reset != null && reset.strip().matches("\\d+")) {
            Duration d = Duration.between(http.clock().instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
            return d.isNegative() ? Duration.ZERO : d;
        }
        return Duration.ofSeconds(5);
    }
}
