package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulwark.health.NonReportingFixture.at;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.health.NonReporting.Status;
import org.bulwark.notify.Notifications;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@BulwarkIntegrationTest
class RemindersIntegrationTest {

	/** A real SMTP server on a free port for the email channel. */
	static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	@AfterAll
	static void stopMail() {
		SMTP.stop();
	}

	@Autowired
	Reminders reminders;

	@Autowired
	ReminderJob job;

	@Autowired
	Notifications notifications;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.context.ApplicationContext context;

	HttpServer robot;

	@AfterEach
	void channelsBackToDefault() {
		jdbc.sql("delete from notify_settings").update();
		if (robot != null) {
			robot.stop(0);
		}
	}

	private static LineLists.Query missing(LocalDate day, String slot) {
		return new LineLists.Query(day, slot, Status.MISSING, null, null, null);
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private String in(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	@Test
	void twoClicksAtOnceRemindEachPersonOnce() throws Exception {
		NonReportingFixture f = new NonReportingFixture(jdbc, 5);
		LocalDate day = NonReportingFixture.day(20);
		Instant now = at(day, 8, 0);
		CurrentUser user = f.user(f.unitId);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Reminders.Outcome>> clicks = List.of(
				pool.submit(() -> { start.await(); return reminders.remind(user, missing(day, "morning"), null, Reminders.Kind.MANUAL, now); }),
				pool.submit(() -> { start.await(); return reminders.remind(user, missing(day, "morning"), f.people, Reminders.Kind.MANUAL, now); }));
		start.countDown();
		int sent = 0;
		for (Future<Reminders.Outcome> click : clicks) {
			sent += ((Reminders.Sent) click.get()).sent();
		}
		pool.shutdown();
		assertThat(sent).isEqualTo(5);
		assertThat(count("select count(*) from reminder where person_id in (" + in(f.people) + ")")).isEqualTo(5);
		assertThat(count("select count(*) from notification where recipient_person_id in (" + in(f.people) + ")")).isEqualTo(5);

		Reminders.Sent again = (Reminders.Sent) reminders.remind(user, missing(day, "morning"), null, Reminders.Kind.MANUAL,
				now.plusSeconds(60));
		assertThat(again.sent()).isZero();
		assertThat(again.skipped()).isEqualTo(5);
		// the next slot is a new reminder
		assertThat(((Reminders.Sent) reminders.remind(user, missing(day, "noon"), List.of(f.people.get(0)),
				Reminders.Kind.MANUAL, at(day, 12, 0))).sent()).isEqualTo(1);
		assertThat(count("select count(*) from person_timeline where person_id = ? and kind = 'reminderSent'",
				f.people.get(0))).isEqualTo(2);
	}

	@Test
	void peopleAwayOrWhoReportedAreNeverReminded() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 3);
		LocalDate day = NonReportingFixture.day(21);
		f.away(f.people.get(0), day.minusDays(1), day.plusDays(2));
		f.checkIn(f.people.get(1), day, "morning", at(day, 7, 0), false);
		Reminders.Sent sent = (Reminders.Sent) reminders.remind(f.user(f.unitId), missing(day, "morning"), f.people,
				Reminders.Kind.MANUAL, at(day, 8, 0));
		assertThat(sent.sent()).isEqualTo(1);
		assertThat(sent.skipped()).isEqualTo(2);
		assertThat(jdbc.sql("select person_id from reminder where person_id in (" + in(f.people) + ")").query(Long.class)
			.list()).containsExactly(f.people.get(2));
	}

	@Test
	void remindersOnlyForTodayAndOnlyWithinScope() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 2);
		NonReportingFixture other = new NonReportingFixture(jdbc, 1);
		LocalDate day = NonReportingFixture.day(24);
		Reminders.Outcome yesterday = reminders.remind(f.user(f.unitId), missing(day.minusDays(1), "morning"), f.people,
				Reminders.Kind.MANUAL, at(day, 8, 0));
		assertThat(yesterday).isInstanceOfSatisfying(Reminders.Rejected.class,
				r -> assertThat(r.problems()).extracting(p -> p.field()).containsExactly("date"));
		Reminders.Sent sent = (Reminders.Sent) reminders.remind(f.user(f.unitId), missing(day, "morning"),
				List.of(other.people.get(0)), Reminders.Kind.MANUAL, at(day, 8, 0));
		assertThat(sent.sent()).isZero();
		assertThat(count("select count(*) from reminder where person_id = ?", other.people.get(0))).isZero();
	}

	@Test
	void emailGoesOverSmtpAndTheRobotGetsOnePostForTheBatch() throws Exception {
		List<String> posts = new CopyOnWriteArrayList<>();
		robot = robot(posts, "{\"errcode\":0,\"errmsg\":\"ok\"}");
		NonReportingFixture f = new NonReportingFixture(jdbc, 2);
		LocalDate day = NonReportingFixture.day(25);
		String address = "nr-" + UUID.randomUUID().toString().substring(0, 8) + "@school.test";
		jdbc.sql("update person set email = ? where id = ?").params(address, f.people.get(0)).update();
		jdbc.sql("insert into notify_settings (school_id, email_enabled, sms_enabled, webhook_kind, webhook_url, version)"
				+ " values (?, true, false, 'WECOM', ?, 1)").params(f.schoolId,
						"http://127.0.0.1:" + robot.getAddress().getPort() + "/cgi-bin/webhook/send?key=test").update();
		Instant now = at(day, 8, 0);
		reminders.remind(f.user(f.unitId), missing(day, "morning"), f.people, Reminders.Kind.MANUAL, now);
		dispatch(now);

		MimeMessage[] received = SMTP.getReceivedMessages();
		List<MimeMessage> mine = java.util.Arrays.stream(received).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(address);
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).getSubject()).contains("晨检");
		assertThat(GreenMailUtil.getBody(mine.get(0))).isNotBlank();
		assertThat(posts).hasSize(1);
		assertThat(posts.get(0)).contains("\"msgtype\":\"text\"").contains("13800000000").contains("13800000001");

		List<Reminders.Reminder> first = reminders.history(f.user(f.unitId), f.people.get(0), 10).orElseThrow();
		assertThat(first).hasSize(1);
		assertThat(first.get(0).deliveries()).extracting(d -> d.channel() + ":" + d.status())
			.containsExactlyInAnyOrder("IN_APP:SENT", "EMAIL:SENT", "WEBHOOK:SENT");
		List<Reminders.Reminder> second = reminders.history(f.user(f.unitId), f.people.get(1), 10).orElseThrow();
		assertThat(second.get(0).deliveries()).filteredOn(d -> d.channel() == Notifications.Channel.EMAIL)
			.singleElement().satisfies(d -> {
				assertThat(d.status()).isEqualTo(Notifications.Status.FAILED);
				assertThat(d.failure()).isEqualTo("no email address");
			});
	}

	@Test
	void aRobotThatRefusesIsRecordedAsFailedWithItsReason() throws Exception {
		List<String> posts = new CopyOnWriteArrayList<>();
		robot = robot(posts, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
		NonReportingFixture f = new NonReportingFixture(jdbc, 1);
		LocalDate day = NonReportingFixture.day(26);
		jdbc.sql("insert into notify_settings (school_id, email_enabled, sms_enabled, webhook_kind, webhook_url, version)"
				+ " values (?, false, false, 'DINGTALK', ?, 1)").params(f.schoolId,
						"http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send?access_token=x").update();
		Instant now = at(day, 8, 0);
		reminders.remind(f.user(f.unitId), missing(day, "morning"), f.people, Reminders.Kind.MANUAL, now);
		dispatch(now);
		assertThat(posts).singleElement().asString().contains("\"atMobiles\"");
		assertThat(reminders.history(f.user(f.unitId), f.people.get(0), 10).orElseThrow().get(0).deliveries())
			.filteredOn(d -> d.channel() == Notifications.Channel.WEBHOOK).singleElement()
			.satisfies(d -> assertThat(d.failure()).contains("errcode 93000: invalid webhook url"));
	}

	@Test
	void theScheduledJobRemindsTheOverdueOnceAfterDeadlineAndGrace() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 3);
		LocalDate day = NonReportingFixture.day(22);
		f.checkIn(f.people.get(0), day, "morning", at(day, 7, 0), false);
		job.run(at(day, 9, 40));
		assertThat(count("select count(*) from reminder where person_id in (" + in(f.people) + ")")).isZero();
		job.run(at(day, 9, 50));
		assertThat(jdbc.sql("select person_id || ':' || kind || ':' || sent_by from reminder where person_id in ("
				+ in(f.people) + ") order by person_id").query(String.class).list())
			.containsExactly(f.people.get(1) + ":AUTO:system", f.people.get(2) + ":AUTO:system");
		job.run(at(day, 9, 55));
		assertThat(count("select count(*) from reminder where person_id in (" + in(f.people) + ")")).isEqualTo(2);
	}

	@Test
	void someoneOverdueForThreeSlotsInARowIsEscalatedToTheUnitAdminOncePerDay() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 3);
		LocalDate day = NonReportingFixture.day(23);
		long reported = f.people.get(0);
		long missing = f.people.get(1);
		long away = f.people.get(2);
		f.checkIn(reported, day, "morning", at(day, 7, 0), false);
		f.away(away, day, day);
		long admin = accounts.create(new UserAccounts.NewAccount(f.schoolId, "ua-" + f.unitCode, "单位管理员", null, null,
				List.of("UNIT_ADMIN"), List.of(new UserAccounts.ScopeGrant(DataScope.Kind.ORG_UNIT, f.unitId))));
		// 15:00: yesterday's evening, this morning and noon are past
		Instant now = at(day, 15, 0);
		List<Reminders.Escalation> escalated = reminders.escalate(f.schoolId, now).stream()
			.filter(e -> e.orgUnitId() == f.unitId).toList();
		assertThat(escalated).singleElement().satisfies(e -> {
			assertThat(e.people()).isEqualTo(1);
			// this unit's administrator, and the college's (the demo's unitadmin) above it
			assertThat(e.recipients()).isEqualTo(accounts.holdersOf(f.schoolId, "UNIT_ADMIN",
					List.of(f.unitId, jdbc.sql("select parent_id from org_unit where id = ?").param(f.unitId).query(Long.class)
						.single())).stream().map(UserAccounts.Holder::userId).distinct().count());
		});
		String missingName = jdbc.sql("select name from person where id = ?").param(missing).query(String.class).single();
		String reportedName = jdbc.sql("select name from person where id = ?").param(reported).query(String.class).single();
		List<String> bodies = jdbc.sql("select body from notification where recipient_user_id = ? and topic = 'escalation'")
			.param(admin).query(String.class).list();
		assertThat(bodies).singleElement().asString().contains(missingName).doesNotContain(reportedName);
		assertThat(reminders.escalate(f.schoolId, now.plusSeconds(600)).stream().filter(e -> e.orgUnitId() == f.unitId))
			.isEmpty();
		// at 13:00 the last three past slots are yesterday's noon and evening and this morning: one reported breaks the row
		NonReportingFixture g = new NonReportingFixture(jdbc, 1);
		g.checkIn(g.people.get(0), day.minusDays(1), "evening", at(day.minusDays(1), 19, 0), false);
		assertThat(reminders.escalate(g.schoolId, at(day, 13, 0)).stream().filter(e -> e.orgUnitId() == g.unitId)).isEmpty();
		assertThat(Set.of(reminders.escalateAfter())).containsExactly(3);
	}

	private void dispatch(Instant now) throws Exception {
		Object dispatcher = context.getBean(Class.forName("org.bulwark.notify.Dispatcher"));
		var method = dispatcher.getClass().getDeclaredMethod("dispatch", Instant.class);
		method.setAccessible(true);
		method.invoke(dispatcher, now);
	}

	private static HttpServer robot(List<String> posts, String answer) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}
}
