package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.IdNumber;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A pushed list from upload to classification on PostgreSQL: a GBK csv previewed without writing,
 * the mapping remembered per source, matching scores and bands, not-ours rows kept, tasks for the
 * responsible staff within their scope, bulk classification publishing one event per person.
 */
@BulwarkIntegrationTest
@RecordApplicationEvents
class PushListsIntegrationTest {

	static final Charset GBK = Charset.forName("GBK");

	@Autowired
	PushLists lists;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	long schoolId;
	String tag;
	long college;
	long klass;
	long otherCollege;
	long counselor;
	CurrentUser manager;
	CurrentUser staff;
	CurrentUser outsider;
	Person a;
	Person b;
	Person c;
	Person f;
	Person outside;

	int sequence;

	record Person(long id, String name, String idNumber, String phone, LocalDate birth) {
	}

	@BeforeEach
	void campus() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		college = unit(null, "COLLEGE", "推送学院" + tag);
		klass = unit(college, "CLASS", "推送班" + tag);
		otherCollege = unit(null, "COLLEGE", "另一学院" + tag);
		a = person("甲" + names(0), LocalDate.of(1985, 3, 7), klass);
		b = person("乙" + names(1), LocalDate.of(2003, 1, 2), klass);
		c = person("王晓" + names(2), LocalDate.of(2002, 6, 1), klass);
		f = person("丁" + names(3), LocalDate.of(2001, 9, 9), klass);
		outside = person("外" + names(4), LocalDate.of(2000, 1, 1), otherCollege);
		counselor = person("辅导员" + names(5), LocalDate.of(1980, 1, 1), college).id();
		insert("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'COUNSELOR', 'ORG_UNIT', ?)",
				schoolId, counselor, college);
		manager = new CurrentUser(-1, schoolId, "push-manager", "Manager", null,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_MANAGE, Permission.SCREENING_VERIFY), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		staff = new CurrentUser(-2, schoolId, "push-counselor", "Counselor", counselor,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_VERIFY), Set.of(),
				new DataScope(false, Set.of(college), Set.of(), Set.of()), true, false, null);
		outsider = new CurrentUser(-3, schoolId, "push-outsider", "Outsider", null,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_MANAGE, Permission.SCREENING_VERIFY), Set.of(),
				new DataScope(false, Set.of(otherCollege), Set.of(), Set.of()), true, false, null);
	}

	/** Two characters of given name that no other test run shares. */
	private String names(int i) {
		String digits = tag + i;
		StringBuilder sb = new StringBuilder();
		for (char d : digits.toCharArray()) {
			sb.append("零一二三四五六七八九".charAt(d - '0'));
		}
		return sb.toString();
	}

	private String csv(String... lines) {
		return "市公安局推送 " + tag + "\n" + String.join("\n", lines) + "\n";
	}

	private long upload(String source, String text) {
		var r = lists.upload(manager, source, LocalDate.now(), "list.csv", text.getBytes(GBK));
		assertThat(r).isInstanceOf(PushLists.Done.class);
		return ((PushLists.Done) r).id();
	}

	private String fifteen(String eighteen) {
		return eighteen.substring(0, 6) + eighteen.substring(8, 17);
	}

	@Test
	void aGbkListIsPreviewedWithoutWritingThenConfirmedAndMatchedInBands() {
		String wrongCheck = f.idNumber().substring(0, 17) + (f.idNumber().endsWith("1") ? "2" : "1");
		String text = csv("姓名,公民身份号码,联系电话,出生日期",
				a.name() + "," + fifteen(a.idNumber()) + ",,",
				"乙 " + b.name().substring(1) + ",," + fullWidth("+86 " + b.phone()) + ",",
				"王小" + c.name().substring(2) + ",," + c.phone() + ",",
				"无此人" + tag + ",110101199001011237,13000000000,",
				a.name() + "," + a.idNumber().toLowerCase() + ",,",
				f.name() + "," + wrongCheck + "," + f.phone() + ",",
				",," + "13100000000,",
				outside.name() + "," + outside.idNumber() + ",,");
		long id = upload("市公安局" + tag, text);
		PushLists.Preview preview = lists.preview(manager, id).orElseThrow();
		assertThat(preview.encoding()).contains("GB");
		assertThat(preview.reading().missing()).isFalse();
		assertThat(preview.reading().rows()).hasSize(8);
		assertThat(preview.reading().count(PushListReading.RowStatus.DUPLICATE)).isEqualTo(1);
		assertThat(preview.reading().count(PushListReading.RowStatus.INVALID)).isEqualTo(1);
		assertThat(preview.reading().rows().get(5).problems()).contains("ID_CHECK_DIGIT");
		assertThat(rows(id)).isZero();
		assertThat(tasks(id)).isZero();

		var done = (PushLists.Done) lists.confirm(manager, id);
		assertThat(done.counts()).containsEntry("ACCEPTED", 4L).containsEntry("REVIEW", 1L).containsEntry("NOT_OURS", 1L)
			.containsEntry("INVALID", 1L).containsEntry("DUPLICATE", 1L);
		assertThat(status(id, 3)).isEqualTo("ACCEPTED");
		assertThat(reasons(id, 3)).contains("ID");
		assertThat(status(id, 4)).isEqualTo("ACCEPTED");
		assertThat(reasons(id, 4)).contains("NAME", "PHONE");
		assertThat(status(id, 5)).isEqualTo("REVIEW");
		assertThat(reasons(id, 5)).contains("NAME_PINYIN", "PHONE");
		assertThat(status(id, 6)).isEqualTo("NOT_OURS");
		assertThat(reasons(id, 6)).isEqualTo("NO_CANDIDATE");
		assertThat(status(id, 7)).isEqualTo("DUPLICATE");
		assertThat(status(id, 8)).isEqualTo("ACCEPTED");
		assertThat(jdbc.sql("select problems from push_row where list_id = ? and row_number = 8").param(id)
			.query(String.class).single()).contains("ID_CHECK_DIGIT");
		assertThat(status(id, 9)).isEqualTo("INVALID");
		// the manager's scope is the whole school: the person of the other college is ours too
		assertThat(status(id, 10)).isEqualTo("ACCEPTED");
		assertThat(lists.confirm(manager, id)).isInstanceOf(PushLists.Rejected.class);
		assertThat(lists.discard(manager, id)).isInstanceOf(PushLists.Rejected.class);
		assertThat(tasks(id)).isEqualTo(4);
		// the counselor answers for the college: the tasks of its three people are theirs, not the outside one
		var mine = lists.tasks(staff, new PushLists.TaskFilter(null, id, null, true), new PageQuery(0, 50, null, false));
		assertThat(mine.items()).extracting(PushLists.Task::personId).containsExactlyInAnyOrder(a.id(), b.id(), f.id());
		assertThat(mine.items()).extracting(PushLists.Task::staff).containsOnly("辅导员" + names(5));
		// the tasks are for whoever answers for the people now: a handover of the college takes them along
		long successor = person("接任" + names(6), LocalDate.of(1982, 2, 2), college).id();
		jdbc.sql("update responsibility set responsible_person_id = ? where responsible_person_id = ? and target_id = ?")
			.params(successor, counselor, college).update();
		CurrentUser next = new CurrentUser(-4, schoolId, "push-successor", "Successor", successor,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_VERIFY), Set.of(),
				new DataScope(false, Set.of(college), Set.of(), Set.of()), true, false, null);
		assertThat(lists.tasks(staff, new PushLists.TaskFilter(null, id, null, true), new PageQuery(0, 50, null, false))
			.items()).isEmpty();
		assertThat(lists.tasks(next, new PushLists.TaskFilter(null, id, null, true), new PageQuery(0, 50, null, false))
			.items()).extracting(PushLists.Task::personId).containsExactlyInAnyOrder(a.id(), b.id(), f.id());
		jdbc.sql("update responsibility set responsible_person_id = ? where responsible_person_id = ? and target_id = ?")
			.params(counselor, successor, college).update();
		var funnel = lists.funnel(manager, LocalDate.now(), LocalDate.now(), false).stream()
			.filter(l -> l.listId() == id).findFirst().orElseThrow();
		assertThat(funnel.pushed()).isEqualTo(8);
		assertThat(funnel.matched()).isEqualTo(4);
		assertThat(funnel.review()).isEqualTo(1);
		assertThat(funnel.notOurs()).isEqualTo(1);
	}

	@Test
	void aListConfirmedByAScopedManagerMatchesOnlyTheirPeople() {
		long id = upload("区卫健委" + tag, csv("姓名,身份证号", a.name() + "," + a.idNumber(), outside.name() + "," + outside.idNumber()));
		lists.confirm(outsider, id);
		assertThat(status(id, 3)).isEqualTo("NOT_OURS");
		assertThat(status(id, 4)).isEqualTo("ACCEPTED");
		// nor does the outsider see the row of a person outside their scope
		var rows = lists.rows(outsider, id, null, null, new PageQuery(0, 50, null, false));
		assertThat(rows.items()).extracting(PushLists.PushRow::personId).containsOnly(null, outside.id());
	}

	/** The same person by their ID in one row and by name and phone in a later one: the later row is a duplicate, one task. */
	@Test
	void theSamePersonTwiceByOtherCellsIsADuplicateOfTheEarlierRowWithOneTask() {
		long id = upload("市公安局" + tag, csv("姓名,身份证号,手机", a.name() + "," + a.idNumber() + ",",
				b.name() + ",," + b.phone(), a.name() + ",," + fullWidth(a.phone())));
		var done = (PushLists.Done) lists.confirm(manager, id);
		assertThat(done.counts()).containsEntry("ACCEPTED", 2L).containsEntry("DUPLICATE", 1L);
		assertThat(status(id, 3)).isEqualTo("ACCEPTED");
		assertThat(status(id, 5)).isEqualTo("DUPLICATE");
		assertThat(reasons(id, 5)).contains("NAME", "PHONE");
		var row = jdbc.sql("select person_id, problems from push_row where list_id = ? and row_number = 5").param(id)
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
		assertThat(row[0]).isEqualTo(a.id());
		assertThat((String) row[1]).isEqualTo("DUPLICATE:3");
		assertThat(tasks(id)).isEqualTo(2);
		var list = lists.find(manager, id).orElseThrow();
		assertThat(list.acceptedRows()).isEqualTo(2);
		assertThat(list.duplicateRows()).isEqualTo(1);
	}

	@Test
	void theMappingIsRememberedPerSource() {
		String source = "区卫健委" + tag;
		String text = csv("对象,证照,号码", a.name() + "," + a.idNumber() + "," + a.phone());
		long first = upload(source, text);
		assertThat(lists.preview(manager, first).orElseThrow().reading().missing()).isTrue();
		assertThat(lists.confirm(manager, first)).isInstanceOf(PushLists.Rejected.class);
		assertThat(rows(first)).isZero();
		lists.saveMapping(manager, first, Map.of("对象", "NAME", "证照", "ID_NUMBER", "号码", "PHONE"));
		assertThat(lists.preview(manager, first).orElseThrow().reading().missing()).isFalse();
		long second = upload(source, text);
		var reading = lists.preview(manager, second).orElseThrow().reading();
		assertThat(reading.missing()).isFalse();
		assertThat(reading.mapping()).containsValues(PushListReading.Field.NAME, PushListReading.Field.ID_NUMBER,
				PushListReading.Field.PHONE);
		long other = upload("市疾控中心" + tag, text);
		assertThat(lists.preview(manager, other).orElseThrow().reading().missing()).isTrue();
	}

	@Test
	void unreadableFilesAreRejectedWithTheirReason() {
		var r = lists.upload(manager, "市公安局" + tag, LocalDate.now(), "list.xls",
				new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
		assertThat(r).isInstanceOf(PushLists.Rejected.class);
		assertThat(((PushLists.Rejected) r).problems().get(0).code()).isEqualTo("pushList.unusable.xls");
		var empty = lists.upload(manager, " ", LocalDate.now(), "list.csv", new byte[0]);
		assertThat(((PushLists.Rejected) empty).problems()).extracting(p -> p.field()).contains("source", "file");
	}

	@Test
	void reviewAcceptsIntoATaskOrRejectsKeepingTheRow() {
		long id = upload("市公安局" + tag, csv("姓名,手机", "王小" + c.name().substring(2) + "," + c.phone(),
				"乙" + b.name().substring(2) + "," + b.phone()));
		lists.confirm(manager, id);
		var queue = lists.rows(manager, id, "REVIEW", null, new PageQuery(0, 50, null, false)).items();
		assertThat(queue).hasSize(2);
		var first = queue.get(0);
		assertThat(lists.review(manager, first.id(), true, null, first.version() + 1)).isInstanceOf(PushLists.Rejected.class);
		assertThat(lists.review(manager, first.id(), true, null, first.version())).isInstanceOf(PushLists.Done.class);
		assertThat(lists.review(manager, first.id(), true, null, first.version())).isInstanceOf(PushLists.Rejected.class);
		var second = queue.get(1);
		lists.review(manager, second.id(), false, null, second.version());
		assertThat(jdbc.sql("select match_status from push_row where id = ?").param(second.id()).query(String.class).single())
			.isEqualTo("REJECTED");
		assertThat(tasks(id)).isEqualTo(1);
		assertThat(lists.find(manager, id).orElseThrow().acceptedRows()).isEqualTo(1);
	}

	@Test
	void callsAreRecordedByTheResponsibleStaffAndBulkClassificationPublishesOneEventPerPerson() {
		long id = upload("市公安局" + tag, csv("姓名,身份证号", a.name() + "," + a.idNumber(), b.name() + "," + b.idNumber(),
				f.name() + "," + f.idNumber(), outside.name() + "," + outside.idNumber()));
		lists.confirm(manager, id);
		var mine = lists.tasks(staff, new PushLists.TaskFilter(null, id, "open", true), new PageQuery(0, 50, null, false))
			.items();
		assertThat(mine).hasSize(3);
		var ta = mine.stream().filter(t -> t.personId() == a.id()).findFirst().orElseThrow();
		var tb = mine.stream().filter(t -> t.personId() == b.id()).findFirst().orElseThrow();
		var tf = mine.stream().filter(t -> t.personId() == f.id()).findFirst().orElseThrow();
		long outsideTask = jdbc.sql("select id from push_task where list_id = ? and person_id = ?").params(id, outside.id())
			.query(Long.class).single();
		// not theirs: the same as nonexistent
		assertThat(lists.recordCall(staff, outsideTask, CallOutcome.LIVES_ON_CAMPUS, null, 0))
			.isInstanceOf(PushLists.Rejected.class);
		assertThat(lists.recordCall(outsider, ta.id(), CallOutcome.LIVES_ON_CAMPUS, null, ta.version()))
			.isInstanceOf(PushLists.Rejected.class);
		assertThat(lists.recordCall(staff, ta.id(), CallOutcome.LIVES_ON_CAMPUS, "住在3号楼", ta.version()))
			.isInstanceOf(PushLists.Done.class);
		// a second write with the version read before is a lost update: refused
		assertThat(lists.recordCall(staff, ta.id(), CallOutcome.NOT_REACHED, null, ta.version()))
			.isInstanceOf(PushLists.Rejected.class);
		lists.recordCall(staff, tb.id(), CallOutcome.BELONGS_TO_SCHOOL, null, tb.version());
		lists.recordCall(staff, tf.id(), CallOutcome.NOT_REACHED, null, tf.version());
		assertThat(lists.tasks(staff, new PushLists.TaskFilter(null, id, "verified", true), new PageQuery(0, 50, null, false))
			.items()).hasSize(2);
		// one of them not reached: nothing is classified
		var refused = lists.classify(staff, List.of(ta.id(), tb.id(), tf.id()), ProposedCategory.CLOSE_CONTACT, null);
		assertThat(refused).isInstanceOf(PushLists.Rejected.class);
		assertThat(events.stream(PersonClassified.class).filter(e -> e.listId() == id)).isEmpty();
		var done = lists.classify(staff, List.of(ta.id(), tb.id()), ProposedCategory.CLOSE_CONTACT, null);
		assertThat(done).isInstanceOf(PushLists.Done.class);
		var published = events.stream(PersonClassified.class).filter(e -> e.listId() == id).toList();
		assertThat(published).extracting(PersonClassified::personId).containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(published).allSatisfy(e -> {
			assertThat(e.proposedCategory()).isEqualTo("CLOSE_CONTACT");
			assertThat(e.schoolId()).isEqualTo(schoolId);
			assertThat(e.sourceName()).isEqualTo("市公安局" + tag);
		});
		assertThat(lists.classify(staff, List.of(ta.id()), ProposedCategory.SUSPECTED, null))
			.isInstanceOf(PushLists.Rejected.class);
		var funnel = lists.funnel(manager, LocalDate.now(), LocalDate.now(), false).stream()
			.filter(l -> l.listId() == id).findFirst().orElseThrow();
		assertThat(funnel.verified()).isEqualTo(2);
		assertThat(funnel.classified()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from person_timeline where person_id = ? and kind = 'pushListClassified'")
			.param(a.id()).query(Integer.class).single()).isEqualTo(1);
	}

	private static String fullWidth(String s) {
		StringBuilder sb = new StringBuilder();
		for (char ch : s.toCharArray()) {
			sb.append(ch >= '!' && ch <= '~' ? (char) (ch + 0xFEE0) : ch);
		}
		return sb.toString();
	}

	private int rows(long list) {
		return jdbc.sql("select count(*) from push_row where list_id = ?").param(list).query(Integer.class).single();
	}

	private int tasks(long list) {
		return jdbc.sql("select count(*) from push_task where list_id = ?").param(list).query(Integer.class).single();
	}

	private String status(long list, int row) {
		return jdbc.sql("select match_status from push_row where list_id = ? and row_number = ?").params(list, row)
			.query(String.class).single();
	}

	private String reasons(long list, int row) {
		return jdbc.sql("select reasons from push_row where list_id = ? and row_number = ?").params(list, row)
			.query(String.class).single();
	}

	private Person person(String name, LocalDate birth, long orgUnit) {
		// the run's tag as the region part: no earlier run's person can hold the same number
		String body = tag + birth.toString().replace("-", "") + String.format("%03d", ++sequence);
		String idNumber = body + IdNumber.checkCharacter(body);
		String phone = "19" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
		long id = insert("""
				insert into person (school_id, name, population, id_type, id_number, phone, birth_date, org_unit_id)
				values (?, ?, 'UNDERGRADUATE', 'RESIDENT_ID', ?, ?, ?, ?)""", schoolId, name, idNumber, phone, java.sql.Date.valueOf(birth),
				orgUnit);
		return new Person(id, name, idNumber, phone, birth);
	}

	private long unit(Long parent, String kind, String name) {
		String parentPath = parent == null ? "/"
				: jdbc.sql("select path from org_unit where id = ?").param(parent).query(String.class).single();
		long id = insert("insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, 'x')",
				schoolId, parent, kind, name, name);
		jdbc.sql("update org_unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}

	private long insert(String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}
}
