package pai.platform.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import pai.platform.error.InvalidFieldException;
import pai.platform.json.StrictJsonCustomizer;

/**
 * Query parameters that do not parse are a 400 naming the parameter (docs/contract.md), where JAX-RS
 * would answer 404: {@code limit=abc}, {@code limit=1.5}, an integer out of range, a cursor that
 * is not an ISO-8601 instant or lies outside what PostgreSQL stores.
 */
@Provider
public class StrictQueryParams implements ParamConverterProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        QueryParam query = annotation(annotations, QueryParam.class);
        if (query == null) {
            return null;
        }
        String name = query.value();
        DefaultValue fallback = annotation(annotations, DefaultValue.class);
        // An empty value (?limit=) means the parameter's default, or none; a primitive without a default needs a value.
        String whenEmpty = fallback != null ? fallback.value() : rawType.isPrimitive() ? "" : null;
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(whenEmpty, raw -> (int) integer(name, raw, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(whenEmpty, raw -> integer(name, raw, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(whenEmpty, raw -> instant(name, raw));
        }
        return null;
    }

    private static <A extends Annotation> A annotation(Annotation[] annotations, Class<A> type) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (type.isInstance(annotation)) {
                    return type.cast(annotation);
                }
            }
        }
        return null;
    }

    private static <T> ParamConverter<T> converter(String whenEmpty, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                String raw = value != null && value.isEmpty() ? whenEmpty : value;
                try {
                    return raw == null ? null : parse.apply(raw);
                } catch (InvalidFieldException e) {
                    // JAX-RS passes a WebApplicationException through as it is; the problem mapper unwraps the refusal.
                    throw new BadRequestException(e.getMessage(), e);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static long integer(String name, String raw, long min, long max) {
        if (!raw.matches("-?[0-9]{1,19}")) {
            throw new InvalidFieldException(name, "expected an integer");
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new InvalidFieldException(name, "number out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "number out of range");
        }
    }

    private static Instant instant(String name, String raw) {
        try {
            return StrictJsonCustomizer.parseInstant(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "expected " + StrictJsonCustomizer.INSTANT_FORMAT);
        }
    }
}
