package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

@BulwarkIntegrationTest
class TreeEditingIntegrationTest {

	@Autowired
	TreeEditing editing;

	@Autowired
	JdbcClient jdbc;

	private CurrentUser logistics() {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		CurrentUser user = new CurrentUser(-2, schoolId, "logistics-test", "Logistics", null,
				Set.of(Permission.PLACES_READ, Permission.PLACES_WRITE), Set.of(), DataScope.everything(), true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void buildsBuilding25WithSixFloorsOfThirtyRoomsAndCorrectPaths() {
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		long campus = editing.addPlace(logistics(), null, PlaceKind.CAMPUS, PlaceUsage.CAMPUS, "CAMP" + tag, "校区" + tag,
				null).id();
		var result = editing.addBuilding(logistics(), campus,
				new BuildingPattern("B25-" + tag, "25号楼", PlaceUsage.DORMITORY, 1, 6, 1, 30, 2, 4));
		assertThat(result.saved()).isTrue();
		String buildingPath = jdbc.sql("select path from place where id = ?").param(result.id()).query(String.class).single();
		assertThat(buildingPath).startsWith("/" + campus + "/").endsWith("/" + result.id() + "/");
		assertThat(jdbc.sql("select count(*) from place where path like ? and kind = 'FLOOR'").param(buildingPath + "%")
			.query(Long.class).single()).isEqualTo(6);
		assertThat(jdbc.sql("select count(*), sum(capacity) from place where path like ? and kind = 'ROOM'")
			.param(buildingPath + "%").query((rs, i) -> rs.getLong(1) + "/" + rs.getLong(2)).single()).isEqualTo("180/720");
		String roomPath = jdbc.sql("select r.path || '|' || f.path from place r join place f on f.id = r.parent_id where r.code = ?")
			.param("B25-" + tag + "-301").query(String.class).single();
		String[] paths = roomPath.split("\\|");
		assertThat(paths[0]).startsWith(paths[1]).startsWith(buildingPath);
	}

	@Test
	void clashingRoomCodesRollBackTheWholeBuilding() {
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		long campus = editing.addPlace(logistics(), null, PlaceKind.CAMPUS, PlaceUsage.CAMPUS, "CAMQ" + tag, "校区" + tag,
				null).id();
		editing.addPlace(logistics(), campus, PlaceKind.ROOM, PlaceUsage.OTHER, "B9-" + tag + "-102", "占用", null);
		assertThatThrownBy(() -> editing.addBuilding(logistics(), campus,
				new BuildingPattern("B9-" + tag, "9号楼", PlaceUsage.DORMITORY, 1, 2, 1, 3, 2, 4)))
			.isInstanceOf(TreeEditing.PatternClash.class);
		assertThat(jdbc.sql("select count(*) from place where code like ?").param("B9-" + tag + "%").query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void duplicateCodeIsAClearProblem() {
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		editing.addPlace(logistics(), null, PlaceKind.CAMPUS, PlaceUsage.CAMPUS, "DUP" + tag, "甲", null);
		var again = editing.addPlace(logistics(), null, PlaceKind.CAMPUS, PlaceUsage.CAMPUS, "DUP" + tag, "乙", null);
		assertThat(again.problems()).extracting(FieldProblem::code).containsExactly("codeTaken");
	}
}
