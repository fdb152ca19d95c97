/**
 * Control and isolation: control cases under a measure with periods computed from versioned policies,
 * isolation rooms and their turnover, allocation of people to rooms. So far the rules, as plain code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Control", allowedDependencies = {"shared", "system", "directory"})
package org.bulwark.control;
