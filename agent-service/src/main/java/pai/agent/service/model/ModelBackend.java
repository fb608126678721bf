package pai.agent.service.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.RedisDataSource;
import pai.agent.config.ModelConfig;
import pai.agent.domain.Utterance;
import pai.events.chat.SenderKind;
import pai.platform.redis.RedisScripts;

/**
 * The agents' way to an OpenAI-compatible chat model. It answers, or it answers nothing and the caller
 * uses its offline engine: when no endpoint is configured, when the pai's hourly budget is spent (then no
 * request is sent at all), or when the endpoint timed out or failed after the retries. The budget is
 * counted in Redis ({@code redis/model-budget.lua}) so that every instance of the service shares it; a
 * call reserves its unit before it is sent, and its retries are part of it.
 *
 * <p>Retries are this class's loop, not LangChain4j's, whose retries wait half a second and more between
 * attempts: a call ends within timeout × attempts and a little. Each attempt runs on a worker thread and
 * is cut off at its bound, because the HTTP client's own timeout stops at the response headers and an
 * endpoint that stalls in the body would otherwise hold the caller.
 */
@ApplicationScoped
public class ModelBackend {
    static final String CALLS = "pai.agent.model.calls";
    static final String TOKENS = "pai.agent.model.tokens";
    static final String LATENCY = "pai.agent.model.latency";
    private static final Logger LOG = Logger.getLogger(ModelBackend.class);
    /** What a call may take beyond its attempts' timeouts: the worker's hand-over and the cancel. */
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final Duration BUDGET_TTL = Duration.ofHours(2);
    private static final String BUDGET_SCRIPT = "redis/model-budget.lua";

    enum Outcome {
        OK, TIMEOUT, ERROR, BUDGET, UNCONFIGURED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Attempts(Outcome outcome, ChatResponse response) {
    }

    private final ModelConfig config;
    private final RedisDataSource redis;
    private final RedisScripts scripts;
    private final MeterRegistry registry;
    /** Null when no endpoint is configured. */
    private final ChatModel model;
    private final ExecutorService attemptThreads = Executors.newCachedThreadPool(new AttemptThreads());

    public ModelBackend(ModelConfig config, RedisDataSource redis, RedisScripts scripts, MeterRegistry registry) {
        this.config = config;
        this.redis = redis;
        this.scripts = scripts;
        this.registry = registry;
        this.model = config.baseUrl().filter(url -> !url.isBlank()).map(url -> chatModel(config, url)).orElse(null);
    }

    /** Whether an endpoint is configured; without one every agent uses its offline engine. */
    public boolean configured() {
        return model != null;
    }

    /** Whether a call for this pai would be sent now: an endpoint is configured and the hour's budget is not spent. */
    public boolean budgetLeft(String paiId) {
        return configured() && callsThisHour(paiId) < config.hourlyCallsPerPai();
    }

    /**
     * Asks the model: the {@code instructions} as the system message, then the conversation (people's lines
     * as user messages {@code "<senderId>: <text>"}, agents' lines as assistant messages), then the
     * {@code request} as the last user message. Blocks for at most timeout × (maxRetries + 1) and a little.
     *
     * @return the model's text, or empty when the caller should answer with its offline engine
     */
    public Optional<String> complete(String paiId, String agentId, String instructions, List<Utterance> conversation,
            String request) {
        if (model == null) {
            count(agentId, Outcome.UNCONFIGURED);
            return Optional.empty();
        }
        if (!reserve(paiId, config.hourlyCallsPerPai())) {
            count(agentId, Outcome.BUDGET);
            return Optional.empty();
        }
        ChatRequest chat = ChatRequest.builder().messages(messages(instructions, conversation, request)).build();
        Timer.Sample started = Timer.start(registry);
        Attempts attempts = send(chat, paiId, agentId);
        Outcome outcome = attempts.outcome();
        Optional<String> text = Optional.empty();
        if (attempts.response() != null) {
            countTokens(agentId, attempts.response().tokenUsage());
            text = Optional.ofNullable(attempts.response().aiMessage().text()).filter(answer -> !answer.isBlank());
            if (text.isEmpty()) {
                LOG.warnf("The model answered agent %s in pai %s without text", agentId, paiId);
                outcome = Outcome.ERROR;
            }
        }
        // A histogram, for the model latency p99 per agent on the Agents dashboard
        started.stop(Timer.builder(LATENCY).tags("agent", agentId, "outcome", outcome.tag())
                .publishPercentileHistogram().register(registry));
        count(agentId, outcome);
        return text;
    }

    static List<ChatMessage> messages(String instructions, List<Utterance> conversation, String request) {
        List<ChatMessage> messages = new ArrayList<>(conversation.size() + 2);
        messages.add(SystemMessage.from(instructions));
        for (Utterance line : conversation) {
            // An image without a caption or a recalled message has no words; system notices are not talk
            if (line.text().isBlank()) {
                continue;
            }
            if (line.byHuman()) {
                messages.add(UserMessage.from(line.senderId() + ": " + line.text()));
            } else if (line.senderKind() == SenderKind.AGENT) {
                messages.add(AiMessage.from(line.text()));
            }
        }
        messages.add(UserMessage.from(request));
        return messages;
    }

    private Attempts send(ChatRequest chat, String paiId, String agentId) {
        int allowed = config.maxRetries() + 1;
        long attemptBound = config.timeout().plus(GRACE).toNanos();
        long deadline = System.nanoTime() + config.timeout().multipliedBy(allowed).plus(GRACE).toNanos();
        Outcome failure = Outcome.TIMEOUT;
        String reason = "no time left";
        for (int attempt = 1; attempt <= allowed; attempt++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Future<ChatResponse> call = attemptThreads.submit(() -> model.chat(chat));
            try {
                return new Attempts(Outcome.OK, call.get(Math.min(left, attemptBound), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                call.cancel(true);
                failure = Outcome.TIMEOUT;
                reason = "no answer within " + config.timeout();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                failure = cause instanceof dev.langchain4j.exception.TimeoutException ? Outcome.TIMEOUT : Outcome.ERROR;
                reason = cause.toString();
                if (cause instanceof NonRetriableException) {
                    break;
                }
            } catch (InterruptedException e) {
                call.cancel(true);
                Thread.currentThread().interrupt();
                LOG.warnf("Model call of agent %s in pai %s interrupted", agentId, paiId);
                return new Attempts(Outcome.ERROR, null);
            }
        }
        LOG.warnf("Model call of agent %s in pai %s failed (%s): %s", agentId, paiId, failure.tag(), reason);
        return new Attempts(failure, null);
    }

    private boolean reserve(String paiId, int hourlyLimit) {
        return scripts.run(BUDGET_SCRIPT, List.of(budgetKey(paiId)), Integer.toString(hourlyLimit),
                Long.toString(BUDGET_TTL.toSeconds())).toInteger() == 1;
    }

    private long callsThisHour(String paiId) {
        Long calls = redis.value(Long.class).get(budgetKey(paiId));
        return calls == null ? 0 : calls;
    }

    private static String budgetKey(String paiId) {
        return "pai:agent:model:" + paiId + ":" + System.currentTimeMillis() / Duration.ofHours(1).toMillis();
    }

    private void count(String agentId, Outcome outcome) {
        registry.counter(CALLS, "agent", agentId, "outcome", outcome.tag()).increment();
    }

    private void countTokens(String agentId, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        if (usage.inputTokenCount() != null) {
            registry.counter(TOKENS, "agent", agentId, "kind", "input").increment(usage.inputTokenCount());
        }
        if (usage.outputTokenCount() != null) {
            registry.counter(TOKENS, "agent", agentId, "kind", "output").increment(usage.outputTokenCount());
        }
    }

    private static ChatModel chatModel(ModelConfig config, String baseUrl) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder())
                .baseUrl(baseUrl)
                .apiKey(config.apiKey().filter(key -> !key.isBlank()).orElse(null))
                .modelName(config.name())
                .maxTokens(config.maxTokens())
                .timeout(config.timeout())
                .maxRetries(0)
                .build();
    }

    @PreDestroy
    void stop() {
        attemptThreads.shutdownNow();
    }

    /** Daemon threads, so that an attempt still being cancelled never holds the JVM at shutdown. */
    private static final class AttemptThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "pai-model-call-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
