package org.bulwark.directory;

/** Every population on a campus ("不漏一人"): see docs/glossary.md for the Chinese terms. */
public enum Population {
	UNDERGRADUATE, POSTGRADUATE, INTERNATIONAL_STUDENT, FACULTY, STAFF, FOREIGN_TEACHER, OUTSOURCED_WORKER,
	EXTERNAL_WORKER, RETIREE, RESIDENT, KINDERGARTEN_CHILD, PUPIL;

	public boolean isStudent() {
		return this == UNDERGRADUATE || this == POSTGRADUATE || this == INTERNATIONAL_STUDENT;
	}
}
