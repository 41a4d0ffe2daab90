package io.dunninghub.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.http.JsonTemplate;
import io.dunninghub.channel.http.MessageValues;
import io.dunninghub.channel.http.ProviderHttp;
import io.dunninghub.common.Mask;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Template messages of a WeChat official account (公众号模板消息, {@code POST /cgi-bin/message/template/send}) to the
 * borrower's OpenID, which the contacts SQL hands over as the push token. The account's access token comes from
 * {@code /cgi-bin/stable_token} (the stable token, so several instances do not invalidate each other's), is cached
 * and fetched again before it expires; when WeChat says it is invalid or expired ({@code errcode} 40001, 40014,
 * 42001) it is fetched again and the message sent once more. WeChat sends approved templates only: the hub sends
 * the template id of the notice's hub template and its {@code data}, never the rendered text; the notice id goes as
 * {@code client_msg_id}, which WeChat uses to send a message once. The provider id is {@code msgid}. Codes from
 * WeChat's table: an unknown OpenID (40003) or a user who does not follow the account (43004) or refuses its
 * messages (43101) is permanent and contact feedback, the daily quota (45009) waits, {@code -1} (busy) retries.
 */
public final class WeChatTemplateAdapter implements ProviderAdapter {

    public static final AdapterType TYPE = new AdapterType("wechat-template", Set.of("push"),
            "WeChat official account template messages (公众号模板消息) to the borrower's OpenID (the push token), with "
                    + "the account's stable access token fetched, cached and refreshed; the notice id as client_msg_id.",
            AdapterType.with(List.of(
                    AdapterOption.of("app-id", AdapterOption.Type.TEXT, "the official account's AppID").required(),
                    AdapterOption.of("app-secret", AdapterOption.Type.SECRET, "the AppSecret").required(),
                    AdapterOption.of("template-id", AdapterOption.Type.TEXT, "the approved template for every hub "
                            + "template without its own").oneOf("template"),
                    AdapterOption.of("template-id.*", AdapterOption.Type.TEXT, "the approved template of one hub "
                            + "template, e.g. template-id.overdue_early; wins over template-id").oneOf("template"),
                    AdapterOption.of("data", AdapterOption.Type.JSON_OBJECT, "the template's keywords with ${…} request "
                            + "variables, e.g. {\"thing1\": {\"value\": \"${name}\"}, \"amount2\": {\"value\": "
                            + "\"${installment.amountDue}\"}}").required(),
                    AdapterOption.of("url", AdapterOption.Type.URL, "the page a tap opens"),
                    AdapterOption.of("miniprogram-app-id", AdapterOption.Type.TEXT, "a Mini Program a tap opens instead"),
                    AdapterOption.of("miniprogram-page", AdapterOption.Type.TEXT, "its page, e.g. pages/repay/index"),
                    AdapterOption.of("token-refresh-before-seconds", AdapterOption.Type.POSITIVE_INTEGER,
                            "how long before it expires the access token is fetched again").defaultsTo("300"),
                    AdapterOption.of("base-url", AdapterOption.Type.URL, "").defaultsTo("https://api.weixin.qq.com")),
                    AdapterType.httpTimeouts()),
            AdapterType.CrossCheck.NONE, (s, camel) -> new WeChatTemplateAdapter(s, Clock.systemUTC()));

    /** WeChat says the access token is not (or no longer) good: fetch it again, once. */
    private static final Set<Integer> TOKEN_REFUSED = Set.of(40001, 40014, 42001);
    /** The token URL refused the account itself: wrong AppID or secret, or this host's IP not allowed. */
    private static final Set<Integer> ACCOUNT_REFUSED = Set.of(40013, 40125, 40164, 41004, 40002);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(WeChatTemplateAdapter.class);

    private final String name;
    private final String base;
    private final String appId;
    private final String appSecret;
    private final String defaultTemplate;
    private final Map<String, String> templates;
    private final JsonTemplate data;
    private final String url;
    private final String miniProgram;
    private final String miniProgramPage;
    private final Duration refreshBefore;
    private final ProviderHttp http;
    private String token;
    private Instant expiresAt = Instant.MIN;

    WeChatTemplateAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.base = s.option("base-url", "https://api.weixin.qq.com").replaceAll("/+$", "");
        this.appId = s.option("app-id");
        this.appSecret = s.option("app-secret");
        this.defaultTemplate = s.option("template-id");
        Map<String, String> byHubTemplate = new TreeMap<>();
        s.options().forEach((k, v) -> {
            if (k.startsWith("template-id.") && v != null && !v.isBlank()) {
                byHubTemplate.put(k.substring("template-id.".length()), v.strip());
            }
        });
        this.templates = Map.copyOf(byHubTemplate);
        this.data = JsonTemplate.parse(s.option("data"), MessageValues.ROOTS);
        this.url = s.option("url");
        this.miniProgram = s.option("miniprogram-app-id");
        this.miniProgramPage = s.option("miniprogram-page");
        this.refreshBefore = Duration.ofSeconds(s.intOption("token-refresh-before-seconds", 300));
        this.http = new ProviderHttp(s, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        String openId = m.recipient() == null ? "" : m.recipient().strip();
        if (!openId.matches("[A-Za-z0-9_-]{16,64}")) {
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "not a WeChat OpenID");
        }
        String template = m.template() == null ? defaultTemplate : templates.getOrDefault(m.template(), defaultTemplate);
        if (template == null) {
            return DeliveryResult.failed(name, "NO_TEMPLATE_CODE", "no template-id for hub template '" + m.template() + "'");
        }
        ObjectNode body = JSON.createObjectNode().put("touser", openId).put("template_id", template);
        if (url != null) {
            body.put("url", url);
        }
        if (miniProgram != null) {
            ObjectNode mp = body.putObject("miniprogram").put("appid", miniProgram);
            if (miniProgramPage != null) {
                mp.put("pagepath", miniProgramPage);
            }
        }
        body.put("client_msg_id", m.noticeId());
        try {
            body.set("data", data.render(MessageValues.of(m, openId, null)));
        } catch (JsonTemplate.MissingValue e) {
            return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "data: " + e.getMessage());
        }
        String payload = body.toString();
        for (int attempt = 1; ; attempt++) {
            String accessToken;
            try {
                accessToken = accessToken(m.noticeId());
            } catch (TokenUnavailable e) {
                // nothing went to WeChat yet, so another provider may take the notice
                return e.permanent ? DeliveryResult.failed(name, "AUTH_FAILED", e.getMessage())
                        : DeliveryResult.retry(name, "AUTH_UNAVAILABLE", e.getMessage(), null);
            }
            HttpRequest request = http.request(URI.create(base + "/cgi-bin/message/template/send?access_token="
                            + URLEncoder.encode(accessToken, StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
            ProviderHttp.Answer a = http.send(request, m.noticeId());
            if (a.failure() != null) {
                return a.failure();
            }
            JsonNode json = ProviderHttp.json(a.body());
            Integer code = json == null || !json.path("errcode").canConvertToInt() ? null : json.path("errcode").asInt();
            if (attempt == 1 && code != null && TOKEN_REFUSED.contains(code)) {
                forget(accessToken);
                continue;
            }
            DeliveryResult result = answer(a, json, code, m.noticeId());
            LOG.debug("{}: notice {} to {}: {} {}", name, m.noticeId(), Mask.tail(openId), result.outcome(),
                    result.outcome() == DeliveryResult.Outcome.SENT ? result.providerMessageId() : result.reasonCode());
            return result;
        }
    }

    private DeliveryResult answer(ProviderHttp.Answer a, JsonNode json, Integer code, String noticeId) {
        if (a.status() != 200) {
            return http.byStatus(a, null);
        }
        if (code == null) {
            return DeliveryResult.failed(name, "BAD_RESPONSE", "HTTP 200 without errcode; the message may have been sent");
        }
        String detail = "errcode " + code + ": " + ProviderHttp.redact(json.path("errmsg").asText(""));
        if (code == 0) {
            String id = json.path("msgid").asText("");
            // accepted without a msgid: WeChat knows it by our client_msg_id
            return DeliveryResult.sent(name, id.isBlank() ? noticeId : id);
        }
        return switch (code) {
            case 45009 -> DeliveryResult.retry(name, "RATE_LIMITED", detail + " (the account's daily quota)", Duration.ofHours(1));
            case -1 -> DeliveryResult.retry(name, "WECHAT_-1", detail + " (system busy)", null);
            // 40001/40014/42001 still after a fresh token: WeChat's side, try later
            case 40001, 40014, 42001 -> DeliveryResult.retry(name, "WECHAT_" + code, detail, null);
            // 40003 invalid OpenID, 43004 not following, 43101 refuses the messages, 40037 invalid template, 47003 data
            default -> DeliveryResult.failed(name, "WECHAT_" + code, detail);
        };
    }

    /** Why there is no access token; {@code permanent} when WeChat refused the account itself. */
    static final class TokenUnavailable extends Exception {
        final boolean permanent;

        TokenUnavailable(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }
    }

    /** The stable access token, fetched again {@code refreshBefore} ahead of its expiry or after WeChat refused it. */
    synchronized String accessToken(String noticeId) throws TokenUnavailable {
        Instant now = http.clock().instant();
        if (token != null && now.isBefore(expiresAt.minus(refreshBefore))) {
            return token;
        }
        String request = JSON.createObjectNode().put("grant_type", "client_credential").put("appid", appId)
                .put("secret", appSecret).put("force_refresh", false).toString();
        ProviderHttp.Answer a = http.send(http.request(URI.create(base + "/cgi-bin/stable_token"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build(), noticeId);
        if (a.failure() != null) {
            throw new TokenUnavailable("stable_token: " + a.failure().reasonCode(), false);
        }
        JsonNode json = ProviderHttp.json(a.body());
        if (a.status() != 200 || json == null || !json.hasNonNull("access_token")) {
            int code = json == null ? 0 : json.path("errcode").asInt(0);
            throw new TokenUnavailable("stable_token answered HTTP " + a.status() + (code == 0 ? "" : ", errcode " + code
                    + ": " + ProviderHttp.redact(json.path("errmsg").asText(""))), ACCOUNT_REFUSED.contains(code));
        }
        token = json.get("access_token").asText();
        expiresAt = now.plusSeconds(json.path("expires_in").asLong(7200));
        return token;
    }

    private synchronized void forget(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }
}
