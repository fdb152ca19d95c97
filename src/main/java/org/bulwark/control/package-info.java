/**
 * Control and isolation: control cases under a measure with periods computed from versioned policies,
 * isolation zones and rooms (rooms of the directory's place tree) and their turnover, allocation of
 * people to rooms one by one or a whole list at once, check-in and check-out, the occupancy board.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Control", allowedDependencies = {"shared", "system", "directory", "health", "screening"})
package org.bulwark.control;
