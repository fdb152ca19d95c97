package org.bulwark.directory;

import java.time.LocalDate;
import java.util.List;

/** Everything the person page shows beyond the summary: flags, where they live, who answers for them. */
record PersonProfile(PersonSummary person, String language, List<String> flags, List<String> orgUnitTrail,
		List<Residence> residences, List<Member> household, List<Responsible> responsibles) {

	record Residence(String kind, String placeName, String placeTrail, String bed, LocalDate movedIn,
			LocalDate movedOut) {
	}

	record Member(long id, String name, boolean head) {
	}

	record Responsible(long personId, String name, String role, String via) {
	}
}
