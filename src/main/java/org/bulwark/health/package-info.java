/**
 * Daily health checks: disease profiles, check policies and their slots, self check-ins and the
 * state of each person's checks for a day, the clinic's triage and sick absences, who has not reported and
 * their reminders. Finds people
 * through the directory's public API.
 * <p>
 * Events it publishes (past tense, for other modules):
 * <ul>
 * <li>{@link org.bulwark.health.CheckInAbnormal}: a check-in with a fever or an alert rule; the
 * module's own triage listens and opens (or adds to) the person's triage task.</li>
 * <li>{@link org.bulwark.health.TriageConcluded}: the clinic recorded a triage outcome, once per
 * task; with {@link org.bulwark.health.TriageOutcome#ISOLATION} the control module opens an
 * isolation case.</li>
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(displayName = "Health", allowedDependencies = {"shared", "system", "directory", "notify"})
package org.bulwark.health;
