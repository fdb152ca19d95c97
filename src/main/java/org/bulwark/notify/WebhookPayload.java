package org.bulwark.notify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON of a group robot's text message: WeCom ({@code mentioned_mobile_list}) and DingTalk
 * ({@code at.atMobiles}) take the same text with the mentions in different places. Both answer
 * {@code {"errcode":0,…}} when they accepted it.
 */
final class WebhookPayload {

	private static final Pattern ERRCODE = Pattern.compile("\"errcode\"\\s*:\\s*(-?\\d+)");
	private static final Pattern ERRMSG = Pattern.compile("\"errmsg\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private WebhookPayload() {
	}

	static String of(NotifySettings.WebhookKind kind, String title, List<String> lines, List<String> phones) {
		String content = title + "\n" + String.join("\n", lines);
		String mobiles = "[" + String.join(",", phones.stream().map(WebhookPayload::quote).toList()) + "]";
		return switch (kind) {
			case WECOM -> "{\"msgtype\":\"text\",\"text\":{\"content\":" + quote(content) + ",\"mentioned_mobile_list\":"
					+ mobiles + "}}";
			case DINGTALK -> "{\"msgtype\":\"text\",\"text\":{\"content\":" + quote(content) + "},\"at\":{\"atMobiles\":"
					+ mobiles + ",\"isAtAll\":false}}";
		};
	}

	/** The robot's complaint, or null when it accepted the message (or said nothing we understand). */
	static String error(String body) {
		if (body == null) {
			return null;
		}
		Matcher code = ERRCODE.matcher(body);
		if (code.find() && !"0".equals(code.group(1))) {
			Matcher msg = ERRMSG.matcher(body);
			return "errcode " + code.group(1) + (msg.find() ? ": " + msg.group(1) : "");
		}
		return null;
	}

	static String quote(String s) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}
}
