package org.bulwark.screening;

/** The levels of a risk designation, lowest first so that a higher level compares greater. */
public enum RiskLevel {
	LOW, MEDIUM, HIGH;

	/** The level named by an English or Chinese word or its letter, or null. */
	public static RiskLevel parse(String raw) {
		if (raw == null) {
			return null;
		}
		String value = raw.strip().toUpperCase(java.util.Locale.ROOT);
		return switch (value) {
			case "HIGH", "H", "高", "高风险", "高风险区" -> HIGH;
			case "MEDIUM", "M", "中", "中风险", "中风险区" -> MEDIUM;
			case "LOW", "L", "低", "低风险", "低风险区" -> LOW;
			default -> null;
		};
	}
}
