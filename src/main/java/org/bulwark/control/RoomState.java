package org.bulwark.control;

import java.util.Optional;

/**
 * An isolation room's turnover: vacant → occupied → awaiting terminal disinfection → vacant, and out of
 * service from a vacant or a waiting room. A room is offered again only once its disinfection is
 * recorded, so nobody moves into a room the last person just left.
 */
public enum RoomState {
	VACANT, OCCUPIED, AWAITING_DISINFECTION, OUT_OF_SERVICE;

	public enum Event { CHECK_IN, LAST_CHECK_OUT, DISINFECTED, TAKE_OUT_OF_SERVICE, RETURN_TO_SERVICE }

	/** The state after the event, or empty when the event cannot happen in this state. */
	public Optional<RoomState> on(Event event) {
		RoomState next = switch (event) {
			case CHECK_IN -> this == VACANT || this == OCCUPIED ? OCCUPIED : null;
			case LAST_CHECK_OUT -> this == OCCUPIED ? AWAITING_DISINFECTION : null;
			case DISINFECTED -> this == AWAITING_DISINFECTION ? VACANT : null;
			case TAKE_OUT_OF_SERVICE -> this == VACANT || this == AWAITING_DISINFECTION ? OUT_OF_SERVICE : null;
			// a room coming back is disinfected before anyone is offered it
			case RETURN_TO_SERVICE -> this == OUT_OF_SERVICE ? AWAITING_DISINFECTION : null;
		};
		return Optional.ofNullable(next);
	}

	public boolean offered() {
		return this == VACANT;
	}
}
