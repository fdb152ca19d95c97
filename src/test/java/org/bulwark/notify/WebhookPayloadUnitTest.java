package org.bulwark.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookPayloadUnitTest {

	@Test
	void weComMentionsByMobileInsideTheText() {
		String json = WebhookPayload.of(NotifySettings.WebhookKind.WECOM, "提醒", List.of("张三 \"晨检\"", "李四"),
				List.of("13800000001"));
		assertThat(json).isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\"提醒\\n张三 \\\"晨检\\\"\\n李四\","
				+ "\"mentioned_mobile_list\":[\"13800000001\"]}}");
	}

	@Test
	void dingTalkMentionsByMobileBesideTheText() {
		String json = WebhookPayload.of(NotifySettings.WebhookKind.DINGTALK, "t", List.of("a"), List.of("139"));
		assertThat(json).isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\"t\\na\"},\"at\":{\"atMobiles\":[\"139\"],"
				+ "\"isAtAll\":false}}");
	}

	@Test
	void aRobotsNonZeroErrcodeIsAFailure() {
		assertThat(WebhookPayload.error("{\"errcode\":0,\"errmsg\":\"ok\"}")).isNull();
		assertThat(WebhookPayload.error("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"))
			.isEqualTo("errcode 93000: invalid webhook url");
		assertThat(WebhookPayload.error("")).isNull();
	}
}
