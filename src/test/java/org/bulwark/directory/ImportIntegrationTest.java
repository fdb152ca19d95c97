package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.shared.IdNumber;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.bulwark.system.security.ApiTokens;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** Importing people on PostgreSQL: review, corrections, remembered mappings, commit modes, re-import, races, bad files. */
@BulwarkIntegrationTest
class ImportIntegrationTest {

	static final Charset GBK = Charset.forName("GBK");

	@Autowired
	Imports imports;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	long schoolId;
	String classCode;
	long classId;

	@BeforeEach
	void setUp() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		classId = newClass(jdbc, schoolId);
		classCode = jdbc.sql("select code from org_unit where id = ?").param(classId).query(String.class).single();
	}

	/** A class of its own, so the people imported here change no demo account's lists. */
	static long newClass(JdbcClient jdbc, long schoolId) {
		String code = "IMP" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
		var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("insert into org_unit (school_id, kind, code, name, path) values (?, 'CLASS', ?, ?, 'x')")
			.params(schoolId, code, "导入测试班" + code).update(key, "id");
		long id = key.getKey().longValue();
		jdbc.sql("update org_unit set path = ? where id = ?").params("/" + id + "/", id).update();
		return id;
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser office() {
		return signIn(DataScope.everything(), "office-import");
	}

	private CurrentUser signIn(DataScope scope, String name) {
		CurrentUser user = new CurrentUser(-1, schoolId, name, name, null,
				Set.of(Permission.PEOPLE_READ, Permission.PEOPLE_WRITE, Permission.ORG_UNITS_WRITE, Permission.PLACES_READ,
						Permission.PLACES_WRITE, Permission.RESIDENCES_WRITE), Set.of(), scope, true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	static String randomId() {
		var r = ThreadLocalRandom.current();
		String body = "370502" + (1995 + r.nextInt(10)) + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
				+ String.format("%03d", r.nextInt(1000));
		return body + IdNumber.checkCharacter(body);
	}

	/** A GBK CSV as Chinese Excel saves it: a title row, then the header, then the people. */
	static byte[] gbkCsv(List<String[]> people) {
		StringBuilder csv = new StringBuilder("2026级新生名单（信息学院）,,,,\r\n序号,姓名,身份证号,手机号,班级,备注\r\n");
		int n = 1;
		for (String[] p : people) {
			csv.append(n++).append(',').append(String.join(",", p)).append(",\r\n");
		}
		return csv.toString().getBytes(GBK);
	}

	private int count(String idNumber) {
		return jdbc.sql("select count(*) from person where id_number = ?").param(idNumber).query(Integer.class).single();
	}

	@Test
	void reviewsAGbkCsvCorrectsARowAndCommitsAllOrNothing() throws Exception {
		CurrentUser office = office();
		String a = randomId();
		String b = randomId();
		String bad = a.substring(0, 17) + (a.charAt(17) == '1' ? "2" : "1");
		byte[] file = gbkCsv(List.of(new String[] {"张晓明", a, "13912345678", classCode},
				new String[] {"李华", bad, "139 1234 5679", classCode}));

		String id = imports.upload(office, ImportKind.PEOPLE, "新生名单.csv", file, Population.UNDERGRADUATE);
		Imports.Summary review = imports.find(office, id).orElseThrow();
		assertThat(review.encoding()).isEqualTo("GBK/GB18030");
		assertThat(review.total()).isEqualTo(2);
		assertThat(review.valid()).isEqualTo(1);
		assertThat(review.invalid()).isEqualTo(1);
		List<Imports.RowProblem> problems = imports.problems(office, id, 0, 50);
		assertThat(problems).singleElement().satisfies(p -> {
			assertThat(p.rowNumber()).isEqualTo(4);
			assertThat(p.field()).isEqualTo("idNumber");
			assertThat(p.code()).isEqualTo("idNumber.CHECK_DIGIT");
		});

		Imports.Committed refused = imports.commit(office, id, Imports.Mode.ALL_OR_NOTHING);
		assertThat(refused.refusal()).isEqualTo("import.hasErrors");
		assertThat(count(a)).isZero();

		int idColumn = review.header().indexOf("身份证号");
		assertThat(imports.correct(office, id, 4, Map.of(idColumn, b))).isTrue();
		assertThat(imports.find(office, id).orElseThrow().invalid()).isZero();

		Imports.Committed done = imports.commit(office, id, Imports.Mode.ALL_OR_NOTHING);
		assertThat(done.refusal()).isNull();
		assertThat(done.inserted()).isEqualTo(2);
		var row = jdbc.sql("select name, population, phone, org_unit_id, gender from person where id_number = ?").param(b)
			.query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)))
			.single();
		assertThat(row).containsExactly("李华", "UNDERGRADUATE", "13912345679", classId,
				IdNumber.parse(b).orElseThrow().gender().name());
		long personId = jdbc.sql("select id from person where id_number = ?").param(b).query(Long.class).single();
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'person' and entity_id = ? and action = 'IMPORT'")
			.param(String.valueOf(personId)).query(Integer.class).single()).isEqualTo(1);

		assertThat(imports.commit(office, id, Imports.Mode.ALL_OR_NOTHING).refusal())
			.isEqualTo("import.alreadyCommitted");
		assertThat(count(b)).isEqualTo(1);
	}

	@Test
	void reimportUpdatesByIdNumberAndNeverErasesWithBlanks() throws Exception {
		CurrentUser office = office();
		String a = randomId();
		imports.commit(office, imports.upload(office, ImportKind.PEOPLE, "a.csv", gbkCsv(List.<String[]>of(
				new String[] {"王芳", a, "13800000001", classCode})), Population.STAFF), Imports.Mode.ALL_OR_NOTHING);
		String again = imports.upload(office, ImportKind.PEOPLE, "a2.csv", gbkCsv(List.<String[]>of(
				new String[] {"王芳芳", a, "", classCode})), Population.STAFF);
		assertThat(imports.find(office, again).orElseThrow().updates()).isEqualTo(1);
		Imports.Committed done = imports.commit(office, again, Imports.Mode.ALL_OR_NOTHING);
		assertThat(done.inserted()).isZero();
		assertThat(done.updated()).isEqualTo(1);
		assertThat(count(a)).isEqualTo(1);
		assertThat(jdbc.sql("select name || '/' || phone from person where id_number = ?").param(a).query(String.class)
			.single()).isEqualTo("王芳芳/13800000001");
	}

	@Test
	void validOnlySkipsTheBadRowsAndWritesTheRest() throws Exception {
		CurrentUser office = office();
		String a = randomId();
		String id = imports.upload(office, ImportKind.PEOPLE, "b.csv", gbkCsv(List.of(new String[] {"赵一", a, "13800000002", classCode},
				new String[] {"", randomId(), "13800000003", classCode},
				new String[] {"钱二", randomId(), "12345", "不存在的班级"})), Population.STAFF);
		List<Imports.RowProblem> problems = imports.problems(office, id, 0, 50);
		assertThat(problems).extracting(p -> p.rowNumber() + ":" + p.field() + ":" + p.code())
			.containsExactlyInAnyOrder("4:name:required", "5:orgUnit:unknownOrgUnit", "5:phone:phone");
		Imports.Committed done = imports.commit(office, id, Imports.Mode.VALID_ONLY);
		assertThat(done.inserted()).isEqualTo(1);
		assertThat(done.skipped()).isEqualTo(2);
		assertThat(count(a)).isEqualTo(1);
	}

	@Test
	void anUnknownColumnMappedOnceIsMappedSoForTheNextFileWithTheSameHeader() throws Exception {
		CurrentUser office = office();
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100000));
		String header = "姓名,证件号,宿舍电话号码" + tag + ",所在班" + tag + "\r\n";
		String id = imports.upload(office, ImportKind.PEOPLE, "c.csv", (header + "孙三," + randomId() + ",13800000004," + classCode + "\r\n")
			.getBytes(StandardCharsets.UTF_8), Population.STAFF);
		Imports.Summary review = imports.find(office, id).orElseThrow();
		assertThat(review.unmapped()).containsExactly(2, 3);
		assertThat(imports.remap(office, id, Map.of("宿舍电话号码" + tag, "PHONE", "所在班" + tag, "ORG_UNIT"), Population.STAFF)).isTrue();
		assertThat(imports.find(office, id).orElseThrow().unmapped()).isEmpty();

		String next = imports.upload(office, ImportKind.PEOPLE, "d.csv", (header + "周四," + randomId() + ",13800000005," + classCode + "\r\n")
			.getBytes(StandardCharsets.UTF_8), Population.STAFF);
		Imports.Summary remembered = imports.find(office, next).orElseThrow();
		assertThat(remembered.unmapped()).isEmpty();
		assertThat(remembered.valid()).isEqualTo(1);
	}

	@Test
	void anXlsxWithAMergedTitleRowIsRead() throws Exception {
		CurrentUser office = office();
		String a = randomId();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Workbook wb = new Workbook(out, "test", "1.0")) {
			Worksheet ws = wb.newWorksheet("名单");
			ws.value(0, 0, "离退休人员花名册");
			ws.range(0, 0, 0, 4).merge();
			ws.value(1, 0, "填报单位：离退休处");
			String[] header = {"姓名", "身份证号码", "联系电话", "独居", "卧床"};
			for (int i = 0; i < header.length; i++) {
				ws.value(2, i, header[i]);
			}
			ws.value(3, 0, "吴老师");
			ws.value(3, 1, a);
			ws.value(3, 2, "13800000006");
			ws.value(3, 3, "是");
			ws.value(3, 4, "");
		}
		String id = imports.upload(office, ImportKind.PEOPLE, "retirees.xlsx", out.toByteArray(), Population.RETIREE);
		assertThat(imports.find(office, id).orElseThrow().valid()).isEqualTo(1);
		imports.commit(office, id, Imports.Mode.ALL_OR_NOTHING);
		assertThat(jdbc.sql("select living_alone from person where id_number = ?").param(a).query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void twoCommitsOfOneUploadAtOnceWriteItOnce() throws Exception {
		CurrentUser office = office();
		List<String[]> rows = new ArrayList<>();
		String tag = "并发" + ThreadLocalRandom.current().nextInt(100000) + "号";
		for (int i = 0; i < 50; i++) {
			rows.add(new String[] {tag + i, randomId(), "", classCode});
		}
		String id = imports.upload(office, ImportKind.PEOPLE, "race.csv", gbkCsv(rows), Population.STAFF);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		Callable<Imports.Committed> commit = () -> {
			office();
			try {
				return imports.commit(office, id, Imports.Mode.ALL_OR_NOTHING);
			} finally {
				SecurityContextHolder.clearContext();
			}
		};
		Future<Imports.Committed> one = pool.submit(commit);
		Future<Imports.Committed> two = pool.submit(commit);
		List<Imports.Committed> results = List.of(one.get(), two.get());
		pool.shutdown();
		assertThat(results).filteredOn(r -> r.refusal() == null).hasSize(1);
		assertThat(results).filteredOn(r -> "import.alreadyCommitted".equals(r.refusal())).hasSize(1);
		assertThat(jdbc.sql("select count(*) from person where name like ?").param(tag + "%").query(Integer.class).single())
			.isEqualTo(50);
	}

	@Test
	void aScopedImporterCannotTouchPeopleOrUnitsOutsideTheScope() throws Exception {
		CurrentUser office = office();
		String a = randomId();
		imports.commit(office, imports.upload(office, ImportKind.PEOPLE, "e.csv", gbkCsv(List.<String[]>of(
				new String[] {"郑五", a, "", classCode})), Population.STAFF), Imports.Mode.ALL_OR_NOTHING);
		long otherClass = jdbc.sql("select id from org_unit where kind = 'CLASS' and id <> ? order by id")
			.param(classId).query(Long.class).list().get(0);
		String otherCode = jdbc.sql("select code from org_unit where id = ?").param(otherClass).query(String.class).single();
		CurrentUser scoped = signIn(new DataScope(false, Set.of(otherClass), Set.of(), Set.of()), "scoped-import");
		String id = imports.upload(scoped, ImportKind.PEOPLE, "f.csv", gbkCsv(List.of(new String[] {"郑五", a, "", otherCode},
				new String[] {"王八", randomId(), "", classCode})), Population.STAFF);
		assertThat(imports.problems(scoped, id, 0, 50)).extracting(p -> p.rowNumber() + ":" + p.code())
			.containsExactlyInAnyOrder("3:existsOutOfScope", "4:unknownOrgUnit");
		assertThat(imports.find(signIn(new DataScope(false, Set.of(otherClass), Set.of(), Set.of()), "another"), id)).isEmpty();
		assertThat(imports.find(office(), id)).isPresent();
	}

	@Test
	void unreadableFilesAreRefusedAndNothingIsStored() {
		CurrentUser office = office();
		int before = jdbc.sql("select count(*) from import_upload").query(Integer.class).single();
		assertThatThrownBy(() -> imports.upload(office, ImportKind.PEOPLE, "empty.csv", new byte[0], null))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("empty"));
		assertThatThrownBy(() -> imports.upload(office, ImportKind.PEOPLE, "no-header.csv", "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), null))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("noHeader.PEOPLE"));
		assertThatThrownBy(() -> imports.upload(office, ImportKind.PEOPLE, "old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
				(byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0}, null))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("xls"));
		assertThat(jdbc.sql("select count(*) from import_upload").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void theApiUploadsReviewsAndCommits() throws Exception {
		long adminId = jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
		String token = tokens.issue(schoolId, adminId, "import test", null).secret();
		String a = randomId();
		MockMultipartFile file = new MockMultipartFile("file", "api.csv", "text/csv",
				gbkCsv(List.<String[]>of(new String[] {"冯六", a, "13800000007", classCode}, new String[] {"陈七", "123", "", classCode})));
		String body = mvc.perform(multipart("/api/v1/imports").file(file).param("population", "FACULTY")
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.valid").value(1))
			.andExpect(jsonPath("$.problems[0].row").value(4))
			.andExpect(jsonPath("$.problems[0].field").value("idNumber"))
			.andReturn().getResponse().getContentAsString();
		String id = body.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
		mvc.perform(post("/api/v1/imports/" + id + "/commit").param("mode", "ALL_OR_NOTHING")
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.error").value("hasErrors"));
		mvc.perform(post("/api/v1/imports/" + id + "/commit").param("mode", "VALID_ONLY")
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMMITTED"))
			.andExpect(jsonPath("$.inserted").value(1));
		mvc.perform(post("/api/v1/imports/" + id + "/commit").param("mode", "VALID_ONLY")
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/imports/" + id).header("Authorization", "Bearer " + token))
			.andExpect(status().isOk()).andExpect(jsonPath("$.skipped").value(1));
		mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[0]))
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[0].code").value("empty"));
		assertThat(count(a)).isEqualTo(1);
	}

	@Test
	void importsATreeOfOrgUnitsParentsBeforeChildrenAndRefusesTakenCodesAndUnknownParents() throws Exception {
		CurrentUser office = office();
		String t = String.valueOf(ThreadLocalRandom.current().nextInt(100000, 999999));
		String csv = "组织机构导入\r\n单位编号,单位名称,类型,上级编号\r\n"
				+ "C" + t + ",新学院" + t + ",学院,\r\n"
				+ "M" + t + ",新专业" + t + ",专业,C" + t + "\r\n"
				+ "K" + t + ",新班级" + t + ",CLASS,M" + t + "\r\n"
				+ "X" + t + ",孤儿班" + t + ",班级,NOPE" + t + "\r\n"
				+ classCode + ",重复班,班级,C" + t + "\r\n";
		String id = imports.upload(office, ImportKind.ORG_UNITS, "units.csv", csv.getBytes(GBK), null);
		assertThat(imports.problems(office, id, 0, 50)).extracting(p -> p.rowNumber() + ":" + p.field() + ":" + p.code())
			.containsExactlyInAnyOrder("6:parent:unknownParent", "7:code:codeTaken");
		Imports.Committed done = imports.commit(office, id, Imports.Mode.VALID_ONLY);
		assertThat(done.inserted()).isEqualTo(3);
		long college = jdbc.sql("select id from org_unit where code = ?").param("C" + t).query(Long.class).single();
		String classPath = jdbc.sql("select path from org_unit where code = ?").param("K" + t).query(String.class).single();
		assertThat(classPath).startsWith("/" + college + "/").endsWith("/");
		assertThat(jdbc.sql("select kind from org_unit where code = ?").param("K" + t).query(String.class).single())
			.isEqualTo("CLASS");
	}

	@Test
	void importsPlacesThenMovesPeopleInWithoutOverfillingARoom() throws Exception {
		CurrentUser office = office();
		String t = String.valueOf(ThreadLocalRandom.current().nextInt(100000, 999999));
		String campus = jdbc.sql("select code from place where kind = 'CAMPUS' order by id").query(String.class).list().get(0);
		String places = "编号,名称,类型,用途,容量,上级编号\r\n"
				+ "B" + t + ",测试楼" + t + ",楼栋,学生宿舍,," + campus + "\r\n"
				+ "F" + t + ",1层,楼层,学生宿舍,,B" + t + "\r\n"
				+ "R" + t + ",101,房间,学生宿舍,2,F" + t + "\r\n";
		String placeImport = imports.upload(office, ImportKind.PLACES, "places.csv", places.getBytes(StandardCharsets.UTF_8), null);
		assertThat(imports.find(office, placeImport).orElseThrow().invalid()).isZero();
		assertThat(imports.commit(office, placeImport, Imports.Mode.ALL_OR_NOTHING).inserted()).isEqualTo(3);

		String a = randomId();
		String b = randomId();
		String c = randomId();
		imports.commit(office, imports.upload(office, ImportKind.PEOPLE, "p.csv", gbkCsv(List.of(
				new String[] {"住甲", a, "", classCode}, new String[] {"住乙", b, "", classCode},
				new String[] {"住丙", c, "", classCode})), Population.UNDERGRADUATE), Imports.Mode.ALL_OR_NOTHING);
		String residences = "身份证号,姓名,房间编号,床位,入住日期\r\n"
				+ a + ",住甲,R" + t + ",2,2026-09-01\r\n"
				+ b + ",住乙,R" + t + ",,2026-09-01\r\n"
				+ c + ",住丙,R" + t + ",,2026-09-01\r\n"
				+ c + ",别人,R" + t + ",,2026-09-01\r\n"
				+ "110101199001011234,无此人,R" + t + ",,\r\n";
		String id = imports.upload(office, ImportKind.RESIDENCES, "beds.csv", residences.getBytes(StandardCharsets.UTF_8), null);
		assertThat(imports.problems(office, id, 0, 50)).extracting(p -> p.rowNumber() + ":" + p.field() + ":" + p.code())
			.contains("4:place:roomFull", "5:name:nameMismatch", "6:idNumber:personNotFound");
		Imports.Committed done = imports.commit(office, id, Imports.Mode.VALID_ONLY);
		assertThat(done.inserted()).isEqualTo(2);
		long room = jdbc.sql("select id from place where code = ?").param("R" + t).query(Long.class).single();
		assertThat(jdbc.sql("""
				select p.name || ':' || r.bed from residence r join person p on p.id = r.person_id
				where r.place_id = ? and r.moved_out is null order by r.bed""").param(room).query(String.class).list())
			.containsExactly("住乙:1", "住甲:2");
		assertThat(jdbc.sql("select count(*) from person where residence_place_id = ?").param(room).query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void theReviewPageNamesMissingColumnsAndOffersOnlyTheKindsFields() throws Exception {
		CurrentUser office = office();
		String id = imports.upload(office, ImportKind.RESIDENCES, "beds.csv",
				("学号,姓名,床位\r\nS1,某人,1\r\n").getBytes(StandardCharsets.UTF_8), null);
		assertThat(imports.find(office, id).orElseThrow().complete()).isFalse();
		String page = mvc.perform(get("/imports/" + id).with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(office)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("data-testid=\"missing-column\"").contains("房间编号")
			.contains("value=\"MOVED_IN\"").doesNotContain("value=\"POPULATION\"");
		assertThat(imports.commit(office, id, Imports.Mode.VALID_ONLY).refusal()).isEqualTo("import.missingColumns");
		mvc.perform(get("/imports").param("kind", "PLACES").with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(office)))
			.andExpect(status().isOk());
		mvc.perform(get("/imports/template").param("kind", "RESIDENCES").with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(office)))
			.andExpect(status().isOk());
	}

	@Test
	void aCommitThatStoppedWithoutFinishingIsReleasedToBeCommittedAgain() throws Exception {
		CurrentUser office = office();
		String id = imports.upload(office, ImportKind.PEOPLE, "stopped.csv", gbkCsv(List.<String[]>of(
				new String[] {"中断", randomId(), "", classCode})), Population.STAFF);
		jdbc.sql("update import_upload set status = 'COMMITTING', progress_at = ? where id = ?")
			.params(java.time.OffsetDateTime.now().minusMinutes(20), id).update();
		imports.releaseAbandonedCommits();
		Imports.Summary released = imports.find(office, id).orElseThrow();
		assertThat(released.status()).isEqualTo(Imports.Status.ANALYSED);
		assertThat(released.failure()).isEqualTo("import.failed.interrupted");
		assertThat(imports.commit(office, id, Imports.Mode.ALL_OR_NOTHING).inserted()).isEqualTo(1);
	}
}
