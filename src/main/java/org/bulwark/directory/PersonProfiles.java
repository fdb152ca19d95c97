package org.bulwark.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Assembles the person page: the scope check happens once, through {@link People#find}. */
@Component
class PersonProfiles {

	private final JdbcClient jdbc;
	private final People people;

	PersonProfiles(JdbcClient jdbc, People people) {
		this.jdbc = jdbc;
		this.people = people;
	}

	@Transactional(readOnly = true)
	Optional<PersonProfile> find(CurrentUser user, long id) {
		return people.find(user, id).map(p -> profile(p));
	}

	int version(long id) {
		return jdbc.sql("select version from person where id = ?").param(id).query(Integer.class).single();
	}

	/** A person's own record, which they may see whatever their data scope. */
	@Transactional(readOnly = true)
	Optional<PersonProfile> findOwn(long personId) {
		return people.findUnscoped(personId).map(this::profile);
	}

	private PersonProfile profile(PersonSummary p) {
		var row = jdbc.sql("""
				select p.language, p.living_alone, p.bedridden, p.no_smartphone, p.abroad, p.household_id,
				       o.path as org_path, pl.path as place_path
				from person p left join org_unit o on o.id = p.org_unit_id left join place pl on pl.id = p.residence_place_id
				where p.id = ?""").param(p.id()).query((rs, i) -> new Object[] {rs.getString(1), rs.getBoolean(2),
				rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getObject(6, Long.class), rs.getString(7),
				rs.getString(8)}).single();
		List<String> flags = new ArrayList<>();
		if ((boolean) row[1]) {
			flags.add("livingAlone");
		}
		if ((boolean) row[2]) {
			flags.add("bedridden");
		}
		if ((boolean) row[3]) {
			flags.add("noSmartphone");
		}
		if ((boolean) row[4]) {
			flags.add("abroad");
		}
		Long householdId = (Long) row[5];
		List<Long> orgAncestors = idsOf((String) row[6]);
		List<Long> placeAncestors = idsOf((String) row[7]);
		List<String> orgTrail = names("org_unit", orgAncestors);
		List<PersonProfile.Residence> residences = jdbc.sql("""
				select r.kind, pl.name, pl.path, r.bed, r.moved_in, r.moved_out
				from residence r join place pl on pl.id = r.place_id where r.person_id = ? order by r.moved_in desc, r.id desc""")
			.param(p.id())
			.query((rs, i) -> new PersonProfile.Residence(rs.getString(1), rs.getString(2),
					String.join(" / ", names("place", idsOf(rs.getString(3)))), rs.getString(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
			.list();
		List<PersonProfile.Member> household = householdId == null ? List.of() : jdbc.sql("""
				select p.id, p.name, case when h.head_person_id = p.id then true else false end
				from person p join household h on h.id = p.household_id where p.household_id = ? order by p.birth_date""")
			.param(householdId).query((rs, i) -> new PersonProfile.Member(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.list();
		return new PersonProfile(p, (String) row[0], flags, orgTrail, residences, household,
				responsibles(p.id(), householdId, orgAncestors, placeAncestors));
	}

	/** Who answers for this person: directly, for their household, for any unit or place above them, or their grid. */
	private List<PersonProfile.Responsible> responsibles(long personId, Long householdId, List<Long> orgAncestors,
			List<Long> placeAncestors) {
		String orgIds = join(orgAncestors);
		String placeIds = join(placeAncestors);
		String sql = """
				select distinct rp.id, rp.name, r.role, r.target_kind from responsibility r
				join person rp on rp.id = r.responsible_person_id
				where (r.target_kind = 'PERSON' and r.target_id = ?)
				   or (r.target_kind = 'HOUSEHOLD' and r.target_id = ?)
				   or (r.target_kind = 'ORG_UNIT' and r.target_id in (%1$s))
				   or (r.target_kind = 'PLACE' and r.target_id in (%2$s))
				   or (r.target_kind = 'GRID' and r.target_id in (
				        select grid_id from grid_org_unit where org_unit_id in (%1$s)
				        union select grid_id from grid_place where place_id in (%2$s)))
				order by r.role, rp.name""".formatted(orgIds, placeIds);
		return jdbc.sql(sql).params(personId, householdId == null ? -1L : householdId)
			.query((rs, i) -> new PersonProfile.Responsible(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getString(4)))
			.list();
	}

	private List<String> names(String table, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		var byId = jdbc.sql("select id, name from " + table + " where id in (" + join(ids) + ")")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).list().stream()
			.collect(Collectors.toMap(r -> (Long) r[0], r -> (String) r[1]));
		return ids.stream().map(byId::get).filter(n -> n != null).toList();
	}

	/** '/1/7/42/' to [1, 7, 42]. */
	static List<Long> idsOf(String path) {
		if (path == null || path.isBlank()) {
			return List.of();
		}
		return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
	}

	private static String join(List<Long> ids) {
		return ids.isEmpty() ? "-1" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}
}
