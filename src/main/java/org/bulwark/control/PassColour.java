package org.bulwark.control;

/** A campus pass status (通行状态), in order of severity: green passes, yellow is checked, red is stopped. */
public enum PassColour {
	GREEN, YELLOW, RED
}
