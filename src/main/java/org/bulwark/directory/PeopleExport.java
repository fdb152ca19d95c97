package org.bulwark.directory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Streams a filtered people list as xlsx or CSV, for the page and the API alike. Identifiers stay
 * masked unless the user holds the reveal right and asks for them; either way the export is audited.
 */
@Component
class PeopleExport {

	private final People people;
	private final AuditLog audit;
	private final MessageSource messages;

	PeopleExport(People people, AuditLog audit, MessageSource messages) {
		this.people = people;
		this.audit = audit;
		this.messages = messages;
	}

	void write(CurrentUser user, PersonFilter filter, String format, boolean reveal, Locale locale,
			HttpServletResponse response) throws IOException {
		write(user, filter, null, format, reveal, locale, response);
	}

	/** The same, limited further by a restriction such as "people this user answers for". */
	void write(CurrentUser user, PersonFilter filter, People.Restriction restriction, String format, boolean reveal,
			Locale locale, HttpServletResponse response) throws IOException {
		boolean unmasked = reveal && user.can(Permission.PEOPLE_REVEAL);
		TableExport.Format f = TableExport.Format.of(format);
		long count;
		try (TableExport out = TableExport.download(response, f, "people-" + LocalDate.now(),
				msg("people.title", locale))) {
			out.header(List.of(msg("person.code", locale), msg("person.name", locale), msg("person.population", locale),
					msg("person.gender", locale), msg("person.birthDate", locale), msg("person.idType", locale),
					msg("person.idNumber", locale), msg("person.phone", locale), msg("person.nationality", locale),
					msg("person.orgUnit", locale), msg("person.residence", locale)));
			people.stream(user, filter, restriction, p -> {
				PersonSummary s = unmasked ? p : p.masked();
				List<Object> row = new ArrayList<>(11);
				row.add(s.code());
				row.add(s.name());
				row.add(msg("population." + s.population(), locale));
				row.add(s.gender() == null ? "" : msg("gender." + s.gender(), locale));
				row.add(s.birthDate() == null ? "" : s.birthDate().toString());
				row.add(msg("idType." + s.idType(), locale));
				row.add(s.idNumber());
				row.add(s.phone());
				row.add(s.nationality());
				row.add(s.orgUnitName());
				row.add(s.residenceName());
				out.row(row);
			});
			count = out.rowsWritten();
		}
		audit.record(AuditAction.EXPORT, "person", null, count + " people as " + f.extension()
				+ (unmasked ? ", identifiers revealed" : ", masked") + "; filter " + filter
				+ (restriction == null ? "" : "; restricted"));
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
