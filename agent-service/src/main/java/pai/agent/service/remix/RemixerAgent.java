package pai.agent.service.remix;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.client.ChatMediaClient;
import pai.agent.client.ChatMediaClient.StoredImage;
import pai.agent.domain.ChatLine;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies.Reply;
import pai.agent.service.orchestration.Agent;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.SlashCommand;
import pai.agent.service.text.ChatText;
import pai.events.agent.AgentReplyKind;
import pai.events.chat.MessageKind;
import pai.platform.error.InvalidFieldException;

/**
 * Re-creates an image of the pai when asked — {@code @remixer cartoon} in reply to it (or with it, or
 * right after it) — and posts the result as an IMAGE reply to the original. It never speaks unprompted:
 * nobody wants their photo turned into a cartoon without asking.
 */
@ApplicationScoped
public class RemixerAgent implements Agent {
    public static final String ID = "remixer";
    private static final SlashCommand COMMAND = SlashCommand.of("remix");
    private static final Pattern NAME = Pattern.compile("@remixer", Pattern.CASE_INSENSITIVE);
    /** Without a reply, the latest image among this many messages before the ask is the one meant. */
    private static final int LOOK_BACK = 10;

    private final RemixService remixes;
    private final ChatMediaClient chat;

    public RemixerAgent(RemixService remixes, ChatMediaClient chat) {
        this.remixes = remixes;
        this.chat = chat;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean commandedBy(Utterance message) {
        return COMMAND.in(message);
    }

    @Override
    public double score(Utterance message, List<Utterance> recent, Counters counters) {
        return 0;
    }

    @Override
    public Optional<Reply> answer(String paiId, Utterance message, List<Utterance> recent, Counters counters,
            Turn turn) {
        boolean chinese = ChatText.hasChinese(message.text());
        Optional<Utterance> image = imageMeant(paiId, message, recent);
        if (image.isEmpty()) {
            return Optional.of(Reply.text(ID, chinese
                    ? "回复一张图片并写 @remixer 加风格：cartoon 卡通、sketch 素描、pixel 像素、meme 表情包（后面跟一句文字）。"
                    : "Reply to an image with @remixer and a style: cartoon, sketch, pixel, or meme followed by a caption.",
                    message.seq()));
        }
        String request = COMMAND.strip(NAME.matcher(message.text()).replaceAll(" ")).trim();
        RemixStyle style = RemixStyle.inText(request).orElse(RemixStyle.CARTOON);
        String caption = style == RemixStyle.MEME ? RemixStyle.withoutStyleWord(request).trim() : null;
        try {
            StoredImage remixed = remixes.remix(image.get().mediaId(), style, caption, chat.serviceBearer());
            return Optional.of(new Reply(ID, AgentReplyKind.IMAGE, style.name().toLowerCase(), remixed.mediaId(),
                    image.get().seq(), null));
        } catch (InvalidFieldException refused) {
            return Optional.of(Reply.text(ID, (chinese ? "没法处理这张图：" : "I can't remix that: ") + refused.getMessage(),
                    message.seq()));
        } catch (ChatMediaClient.ChatUnavailable unavailable) {
            return Optional.of(Reply.text(ID, chinese ? "图片服务暂时不可用，请稍后再试。" : "The image store is not answering; try again soon.",
                    message.seq()));
        }
    }

    private static Optional<Utterance> imageMeant(String paiId, Utterance message, List<Utterance> recent) {
        if (message.kind() == MessageKind.IMAGE && message.mediaId() != null) {
            return Optional.of(message);
        }
        if (message.replyToSeq() != null) {
            ChatLine replied = ChatLine.findById(new ChatLine.Key(paiId, message.replyToSeq()));
            return Optional.ofNullable(replied).filter(line -> line.mediaId != null).map(ChatLine::utterance);
        }
        for (int i = recent.size() - 1; i >= Math.max(0, recent.size() - LOOK_BACK); i--) {
            Utterance earlier = recent.get(i);
            if (earlier.kind() == MessageKind.IMAGE && earlier.mediaId() != null) {
                return Optional.of(earlier);
            }
        }
        return Optional.empty();
    }
}
