package pai.platform.error;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every refusal a service answers is problem+json ({@link ProblemMappers}), so every 4xx and 5xx response
 * of the OpenAPI document gets the {@link Problem} schema here and the resources' {@code @APIResponse}s
 * name only the status and the codes. Runs at start-up, after Quarkus has added the 401 and 403 of
 * secured operations.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ProblemOpenApiFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (isError(status) && response.getContent() == null && response.getRef() == null) {
                    response.setContent(problemContent());
                }
            });
        }
        return operation;
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(Problem.SCHEMA)));
    }
}
