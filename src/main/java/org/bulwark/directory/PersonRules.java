package org.bulwark.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bulwark.shared.IdNumber;
import org.bulwark.shared.PhoneNumber;

/**
 * The rules a person's data must follow, as plain code: the edit form, the import and the API all
 * validate through here, so a record that one accepts, all accept.
 */
public final class PersonRules {

	private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,20}");
	private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2,4})?");
	private static final int MAX_NAME = 100;

	public sealed interface Outcome permits Valid, Invalid {
	}

	public record Valid(PersonData data) implements Outcome {
	}

	public record Invalid(List<FieldProblem> problems) implements Outcome {
	}

	private PersonRules() {
	}

	public static Outcome check(PersonForm form, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = collapse(form.name());
		if (name.isEmpty()) {
			problems.add(FieldProblem.of("name", "required"));
		} else if (name.length() > MAX_NAME) {
			problems.add(FieldProblem.of("name", "tooLong", MAX_NAME));
		}
		if (form.population() == null) {
			problems.add(FieldProblem.of("population", "required"));
		}
		IdType idType = form.idType() == null ? IdType.RESIDENT_ID : form.idType();
		String idNumber = null;
		String gender = blankToNull(form.gender());
		if (gender != null) {
			gender = gender.toUpperCase(Locale.ROOT);
			if (!gender.equals("MALE") && !gender.equals("FEMALE")) {
				problems.add(FieldProblem.of("gender", "invalid"));
				gender = null;
			}
		}
		LocalDate birthDate = form.birthDate();
		if (birthDate != null && birthDate.isAfter(today)) {
			problems.add(FieldProblem.of("birthDate", "future"));
		}
		String nationality = blankToNull(form.nationality()) == null ? "CHN" : form.nationality().strip().toUpperCase(Locale.ROOT);
		if (!ISO3.matcher(nationality).matches()) {
			problems.add(FieldProblem.of("nationality", "iso3"));
		}
		String raw = blankToNull(form.idNumber());
		switch (idType) {
			case RESIDENT_ID -> {
				if (raw == null) {
					problems.add(FieldProblem.of("idNumber", "required"));
					break;
				}
				IdNumber.Problem problem = IdNumber.check(raw);
				if (problem != null) {
					problems.add(FieldProblem.of("idNumber", "idNumber." + problem.name()));
					break;
				}
				IdNumber id = IdNumber.parse(raw).orElseThrow();
				idNumber = id.value();
				if (birthDate == null) {
					birthDate = id.birthDate();
				} else if (!birthDate.equals(id.birthDate())) {
					problems.add(FieldProblem.of("birthDate", "birthDateMismatch", id.birthDate().toString()));
				}
				if (gender == null) {
					gender = id.gender().name();
				} else if (!gender.equals(id.gender().name())) {
					problems.add(FieldProblem.of("gender", "genderMismatch"));
				}
			}
			case PASSPORT -> {
				String passport = raw == null ? null : raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
				if (passport == null) {
					problems.add(FieldProblem.of("idNumber", "required"));
				} else if (!PASSPORT.matcher(passport).matches()) {
					problems.add(FieldProblem.of("idNumber", "passport"));
				} else {
					idNumber = passport;
				}
			}
			case OTHER -> idNumber = raw == null ? null : raw.strip();
		}
		String phone = null;
		if (blankToNull(form.phone()) != null) {
			phone = PhoneNumber.parse(form.phone()).orElse(null);
			if (phone == null) {
				problems.add(FieldProblem.of("phone", "phone"));
			}
		}
		String language = blankToNull(form.language()) == null ? defaultLanguage(nationality) : form.language().strip();
		if (!LANGUAGE.matcher(language).matches()) {
			problems.add(FieldProblem.of("language", "invalid"));
		}
		String code = blankToNull(form.code());
		if (code != null && code.strip().length() > 32) {
			problems.add(FieldProblem.of("code", "tooLong", 32));
		}
		if (!problems.isEmpty()) {
			return new Invalid(List.copyOf(problems));
		}
		return new Valid(new PersonData(code == null ? null : code.strip(), name, form.population(), idType, idNumber,
				phone, gender, birthDate, nationality, language, form.orgUnitId(), form.livingAlone(), form.bedridden(),
				form.noSmartphone(), form.abroad()));
	}

	private static String defaultLanguage(String nationality) {
		return switch (nationality) {
			case "CHN", "TWN", "HKG", "MAC", "SGP" -> "zh";
			case "RUS", "KAZ", "KGZ", "BLR" -> "ru";
			case "KOR" -> "ko";
			case "JPN" -> "ja";
			case "THA" -> "th";
			case "IDN" -> "id";
			case "VNM" -> "vi";
			case "FRA" -> "fr";
			case "DEU" -> "de";
			case "ESP" -> "es";
			default -> "en";
		};
	}

	/** Trims, turns full-width spaces into spaces and collapses runs of white space. */
	static String collapse(String s) {
		return s == null ? "" : s.replace('\u3000', ' ').strip().replaceAll("\\s+", " ");
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}
}
