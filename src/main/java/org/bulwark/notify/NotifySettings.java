package org.bulwark.notify;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bulwark.directory.FieldProblem;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A school's channels: email and SMS on or off, and the group robot (WeCom or DingTalk) to post to. */
@Service
class NotifySettings {

	enum WebhookKind {
		WECOM, DINGTALK
	}

	/** @param webhookUrl null when no robot is configured */
	record Settings(boolean emailEnabled, boolean smsEnabled, WebhookKind webhookKind, String webhookUrl, int version) {
	}

	record Form(Boolean emailEnabled, Boolean smsEnabled, String webhookKind, String webhookUrl, Integer version) {
	}

	sealed interface Outcome {
	}

	record Saved() implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	private final JdbcClient jdbc;
	private final AuditLog audit;

	NotifySettings(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	Settings of(long schoolId) {
		return jdbc.sql("select email_enabled, sms_enabled, webhook_kind, webhook_url, version from notify_settings"
				+ " where school_id = ?").param(schoolId)
			.query((rs, i) -> new Settings(rs.getBoolean(1), rs.getBoolean(2),
					rs.getString(3) == null ? null : WebhookKind.valueOf(rs.getString(3)), rs.getString(4), rs.getInt(5)))
			.optional().orElse(new Settings(true, false, null, null, 0));
	}

	/** Saves the settings if nobody changed them since {@code version} was read. */
	@Transactional
	Outcome save(CurrentUser user, Form form, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		String url = form.webhookUrl() == null || form.webhookUrl().isBlank() ? null : form.webhookUrl().strip();
		WebhookKind kind = null;
		if (url != null) {
			if (url.length() > 500) {
				problems.add(FieldProblem.of("webhookUrl", "notify.settings.webhookUrl.tooLong", 500));
			}
			else if (!validUrl(url)) {
				problems.add(FieldProblem.of("webhookUrl", "notify.settings.webhookUrl.invalid"));
			}
			try {
				kind = WebhookKind.valueOf(String.valueOf(form.webhookKind()).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				problems.add(FieldProblem.of("webhookKind", "notify.settings.webhookKind.required"));
			}
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		Settings before = of(user.schoolId());
		int version = form.version() == null ? 0 : form.version();
		if (version != before.version()) {
			return new Rejected(List.of(FieldProblem.of("version", "notify.settings.changed")));
		}
		boolean email = Boolean.TRUE.equals(form.emailEnabled());
		boolean sms = Boolean.TRUE.equals(form.smsEnabled());
		int n = jdbc.sql("""
				update notify_settings set email_enabled = ?, sms_enabled = ?, webhook_kind = ?, webhook_url = ?, updated_by = ?,
				updated_at = ?, version = version + 1 where school_id = ? and version = ?""")
			.params(email, sms, kind == null ? null : kind.name(), url, user.getUsername(), now.atOffset(ZoneOffset.UTC),
					user.schoolId(), version)
			.update();
		if (n == 0) {
			if (version != 0) {
				return new Rejected(List.of(FieldProblem.of("version", "notify.settings.changed")));
			}
			try {
				jdbc.sql("""
						insert into notify_settings (school_id, email_enabled, sms_enabled, webhook_kind, webhook_url, updated_by,
						updated_at, version) values (?, ?, ?, ?, ?, ?, ?, 1)""")
					.params(user.schoolId(), email, sms, kind == null ? null : kind.name(), url, user.getUsername(),
							now.atOffset(ZoneOffset.UTC))
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException raced) {
				return new Rejected(List.of(FieldProblem.of("version", "notify.settings.changed")));
			}
		}
		audit.record(AuditAction.UPDATE, "notify_settings", user.schoolId(),
				"channels: email " + (email ? "on" : "off") + ", SMS " + (sms ? "on" : "off") + ", robot "
						+ (kind == null ? "none" : kind + " " + host(url)),
				describe(before), "email=" + email + ", sms=" + sms + ", webhook=" + (kind == null ? "none" : kind + " " + host(url)));
		return new Saved();
	}

	private static String describe(Settings s) {
		return "email=" + s.emailEnabled() + ", sms=" + s.smsEnabled() + ", webhook="
				+ (s.webhookKind() == null ? "none" : s.webhookKind() + " " + host(s.webhookUrl()));
	}

	/** The audit trail keeps the robot's host only: the URL's key lets anyone post to the group. */
	private static String host(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (RuntimeException e) {
			return "?";
		}
	}

	static boolean validUrl(String url) {
		try {
			URI uri = URI.create(url);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}
}
