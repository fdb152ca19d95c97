package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.bulwark.control.RoomState.Event;
import org.junit.jupiter.api.Test;

class RoomStateUnitTest {

	@Test
	void aRoomTurnsOverThroughDisinfectionBeforeItIsOfferedAgain() {
		RoomState room = RoomState.VACANT;
		assertThat(room.offered()).isTrue();
		room = room.on(Event.CHECK_IN).orElseThrow();
		assertThat(room).isEqualTo(RoomState.OCCUPIED);
		assertThat(room.on(Event.CHECK_IN)).as("a household moves in together").contains(RoomState.OCCUPIED);
		room = room.on(Event.LAST_CHECK_OUT).orElseThrow();
		assertThat(room).isEqualTo(RoomState.AWAITING_DISINFECTION);
		assertThat(room.offered()).isFalse();
		assertThat(room.on(Event.CHECK_IN)).as("nobody moves in before disinfection").isEmpty();
		assertThat(room.on(Event.DISINFECTED)).contains(RoomState.VACANT);
	}

	@Test
	void outOfServiceRoomsComeBackThroughDisinfection() {
		assertThat(RoomState.OCCUPIED.on(Event.TAKE_OUT_OF_SERVICE)).as("not while someone stays there").isEmpty();
		assertThat(RoomState.VACANT.on(Event.TAKE_OUT_OF_SERVICE)).contains(RoomState.OUT_OF_SERVICE);
		assertThat(RoomState.OUT_OF_SERVICE.on(Event.CHECK_IN)).isEmpty();
		assertThat(RoomState.OUT_OF_SERVICE.on(Event.RETURN_TO_SERVICE)).contains(RoomState.AWAITING_DISINFECTION);
		assertThat(RoomState.VACANT.on(Event.DISINFECTED)).isEmpty();
		assertThat(RoomState.VACANT.on(Event.LAST_CHECK_OUT)).isEmpty();
	}
}
