package org.bulwark.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.bulwark.notify.Notifications.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers what {@link Notifications#send} recorded as pending: email over SMTP, SMS through the
 * {@link SmsProvider}, and one robot post per batch and school (a robot takes about 20 posts a
 * minute, so a reminder to a class is one post mentioning everyone). Each delivery ends SENT or
 * FAILED with the reason. ShedLock makes one node of several run it at a time.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/** People mentioned in one robot post. */
	static final int WEBHOOK_LINES = 50;

	private final JdbcClient jdbc;
	private final JavaMailSender mail;
	private final SmsProvider sms;
	private final NotifySettings settings;
	private final String from;
	private final boolean scheduled;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Dispatcher(JdbcClient jdbc, JavaMailSender mail, SmsProvider sms, NotifySettings settings,
			@Value("${bulwark.notify.mail.from:bulwark@localhost}") String from,
			@Value("${bulwark.notify.dispatch.enabled:true}") boolean scheduled) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.sms = sms;
		this.settings = settings;
		this.from = from;
		this.scheduled = scheduled;
	}

	record Pending(long id, long schoolId, String batch, Channel channel, String address, String subject, String body) {
	}

	@Scheduled(fixedDelayString = "${bulwark.notify.dispatch.every:PT15S}", initialDelayString = "PT20S")
	@SchedulerLock(name = "notify-dispatch", lockAtMostFor = "PT10M")
	void scheduledRun() {
		if (scheduled) {
			dispatch(Instant.now());
		}
	}

	/** Delivers every pending delivery; returns how many were attempted. */
	int dispatch(Instant now) {
		int done = 0;
		while (true) {
			List<Pending> pending = jdbc.sql("""
					select id, school_id, batch_id, channel, address, subject, body from notification_delivery
					where status = 'PENDING' order by id limit 500""")
				.query((rs, i) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), Channel.valueOf(rs.getString(4)),
						rs.getString(5), rs.getString(6), rs.getString(7)))
				.list();
			if (pending.isEmpty()) {
				return done;
			}
			Map<String, List<Pending>> robotPosts = new LinkedHashMap<>();
			for (Pending p : pending) {
				switch (p.channel()) {
					case EMAIL -> finish(p, () -> email(p));
					case SMS -> finish(p, () -> sms.send(p.address(), p.subject() + " " + p.body()));
					case WEBHOOK -> robotPosts.computeIfAbsent(p.schoolId() + "/" + p.batch(), k -> new ArrayList<>()).add(p);
					case IN_APP -> finish(p, () -> { });
				}
				done++;
			}
			for (List<Pending> post : robotPosts.values()) {
				for (int i = 0; i < post.size(); i += WEBHOOK_LINES) {
					List<Pending> part = post.subList(i, Math.min(post.size(), i + WEBHOOK_LINES));
					String failure = failureOf(() -> webhook(part));
					part.forEach(p -> record(p, failure));
				}
			}
		}
	}

	private interface Attempt {
		void run() throws Exception;
	}

	private void finish(Pending p, Attempt attempt) {
		record(p, failureOf(attempt));
	}

	private static String failureOf(Attempt attempt) {
		try {
			attempt.run();
			return null;
		}
		catch (Exception e) {
			String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
			return reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
		}
	}

	private void record(Pending p, String failure) {
		if (failure != null) {
			log.warn("{} delivery {} failed: {}", p.channel(), p.id(), failure);
		}
		jdbc.sql("update notification_delivery set status = ?, failure = ?, attempts = attempts + 1, sent_at = ? where id = ?")
			.params(failure == null ? "SENT" : "FAILED", failure,
					failure == null ? Instant.now().atOffset(ZoneOffset.UTC) : null, p.id())
			.update();
	}

	private void email(Pending p) throws Exception {
		MimeMessage message = mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		helper.setFrom(from);
		helper.setTo(p.address());
		helper.setSubject(p.subject());
		helper.setText(p.body());
		mail.send(message);
	}

	/** One post to the school's robot, mentioning everyone whose phone is known. */
	private void webhook(List<Pending> part) throws Exception {
		NotifySettings.Settings s = settings.of(part.get(0).schoolId());
		if (s.webhookUrl() == null) {
			throw new IllegalStateException("no robot configured");
		}
		String json = WebhookPayload.of(s.webhookKind(), part.get(0).subject(),
				part.stream().map(Pending::body).toList(),
				part.stream().map(Pending::address).filter(a -> a != null && !a.isBlank()).distinct().toList());
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(s.webhookUrl()))
			.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("HTTP " + response.statusCode());
		}
		String error = WebhookPayload.error(response.body());
		if (error != null) {
			throw new IllegalStateException(error);
		}
	}
}
