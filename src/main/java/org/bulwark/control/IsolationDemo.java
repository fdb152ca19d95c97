package org.bulwark.control;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A little isolation for the demo campus, once, after the campus is seeded: an observation zone in a
 * two-floor isolation building, a few people checked in since yesterday evening with today's service
 * rounds (the early ones done, some left overdue), and one room waiting for its terminal disinfection.
 * It goes through the same services as the pages, so the demo shows what they write.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "bulwark.demo.enabled", havingValue = "true")
class IsolationDemo implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IsolationDemo.class);

	private final JdbcClient jdbc;
	private final IsolationZones zones;
	private final IsolationRooms rooms;
	private final Allocations allocations;
	private final ServiceTasks tasks;
	private final boolean enabled;

	IsolationDemo(JdbcClient jdbc, IsolationZones zones, IsolationRooms rooms, Allocations allocations, ServiceTasks tasks,
			@Value("${bulwark.demo.isolation:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.zones = zones;
		this.rooms = rooms;
		this.allocations = allocations;
		this.tasks = tasks;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			seed();
		} catch (RuntimeException e) {
			// the demo starts without its isolation rather than not at all
			log.warn("demo isolation not seeded", e);
		}
	}

	private void seed() {
		List<Long> schools = jdbc.sql("select id from school order by id").query(Long.class).list();
		if (!enabled || schools.isEmpty()) {
			return;
		}
		long school = schools.get(0);
		if (jdbc.sql("select count(*) from isolation_zone where school_id = ?").param(school).query(Long.class).single() > 0) {
			return;
		}
		List<String> campus = jdbc.sql("select code from place where school_id = ? and kind = 'CAMPUS' order by id").param(school)
			.query(String.class).list();
		if (campus.isEmpty()) {
			return;
		}
		CurrentUser demo = new CurrentUser(0, school, "demo", "Demo", null, EnumSet.allOf(Permission.class), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		Outcome zone = zones.create(demo, "DEMO-GC", "集中健康观察区", ZoneKind.HEALTH_OBSERVATION, campus.get(0), "演示数据");
		Outcome built = zone.saved() ? rooms.addBuilding(demo, zone.id(), campus.get(0), new BuildingPattern("ISO-1", "健康观察楼",
				PlaceUsage.ISOLATION, 1, 2, 1, 6, 2, 1), new IsolationRooms.Attributes(1, true, false, null)) : zone;
		if (!built.saved()) {
			log.warn("demo isolation not seeded: {}", built.problems());
			return;
		}
		List<IsolationRooms.Room> all = rooms.all(demo, new IsolationRooms.Filter(zone.id(), null, null, null, null, null));
		List<Long> people = jdbc.sql("""
				select p.id from person p where p.school_id = ? and p.active = true and p.household_id is null and p.code is not null
				  and not exists (select 1 from isolation_stay s where s.open_person_id = p.id)
				order by p.id limit 8""").param(school).query(Long.class).list();
		Instant now = Instant.now();
		Instant arrived = now.minus(Duration.ofHours(20));
		for (int i = 0; i < people.size() && i < all.size(); i++) {
			var c = allocations.allocate(demo, List.of(people.get(i)), all.get(i).id(), false, null);
			if (!c.saved()) {
				continue;
			}
			long stay = c.stayIds().get(0);
			allocations.checkIn(demo, stay, arrived);
			if (i == people.size() - 1) {
				allocations.checkOut(demo, stay, now.minus(Duration.ofHours(2)), "核酸阴性，解除隔离");
			}
		}
		tasks.generate(school, tasks.today(now), null, zone.id());
		// rounds due more than an hour ago were done ten minutes after their time (medical ones with a
		// temperature), except the last two of two rooms, which the manager sees as overdue
		List<ServiceTasks.Task> due = tasks.all(demo, new ServiceTasks.Filter(tasks.today(now).minusDays(1), tasks.today(now), zone.id(), null,
				null, null, ServicePlan.Status.PENDING, false, now.minus(Duration.ofHours(1)), null, null), now, 1000);
		java.util.Map<Long, List<ServiceTasks.Occupant>> who = tasks.occupants(all.stream().map(IsolationRooms.Room::id).toList());
		Set<Long> late = new java.util.HashSet<>();
		for (long room : List.of(all.get(4).id(), all.get(5).id())) {
			List<ServiceTasks.Task> mine = due.stream().filter(t -> t.roomId() == room).toList();
			mine.subList(Math.max(0, mine.size() - 2), mine.size()).forEach(t -> late.add(t.id()));
		}
		int n = 0;
		for (ServiceTasks.Task t : due) {
			if (late.contains(t.id())) {
				continue;
			}
			String reading = "36." + (3 + n % 5);
			List<ServiceTasks.TemperatureInput> temperatures = t.service().recordsTemperature()
					? who.getOrDefault(t.roomId(), List.of()).stream()
						.map(o -> new ServiceTasks.TemperatureInput(o.personId(), new java.math.BigDecimal(reading))).toList()
					: List.of();
			tasks.markDone(demo, t.id(), null, temperatures, t.dueAt().toInstant().plus(Duration.ofMinutes(10)));
			n++;
		}
		log.info("demo isolation seeded: zone DEMO-GC with {} rooms, {} people", all.size(), people.size());
	}
}
