/**
 * Screening: the regions of China and the risk designations a school keeps on them, so travel and
 * pushed lists can be checked against where risk was and when.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Screening", allowedDependencies = {"shared", "system", "directory", "directory :: imports", "health"})
package org.bulwark.screening;
