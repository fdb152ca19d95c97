package org.bulwark.system.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at /v3/api-docs (interactive at /swagger-ui.html): every call carries a bearer token. */
@Configuration
class OpenApiConfig {

	@Bean
	OpenAPI bulwarkApi() {
		return new OpenAPI()
			.info(new Info().title("Bulwark API").version("v1").description("""
					Campus infectious-disease prevention and control. Authenticate with an API token issued on the \
					API tokens page: `Authorization: Bearer blw_…`. A token acts with its account's permissions and \
					data scope; identifiers are masked unless revealed with the right."""))
			.components(new Components().addSecuritySchemes("bearerAuth",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("blw_ token")))
			.addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
	}
}
