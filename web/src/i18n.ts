// Chinese and English: the browser's language first, then the one the person picked.
import { useEffect, useState } from 'preact/hooks';

const en = {
  'app.name': 'Pai',
  'auth.title': 'Sign in to Pai',
  'auth.signupTitle': 'Create your Pai account',
  'auth.name': 'Name',
  'auth.password': 'Password',
  'auth.displayName': 'Display name (optional)',
  'auth.signin': 'Sign in',
  'auth.signup': 'Sign up',
  'auth.toSignup': 'New here? Create an account',
  'auth.toSignin': 'Have an account? Sign in',
  'auth.signout': 'Sign out',
  'pais.title': 'Your pais',
  'pais.empty': 'No pais yet: create one or join with an invite code.',
  'pais.create': 'Create',
  'pais.newName': 'New pai name',
  'pais.joinCode': 'Invite code',
  'pais.join': 'Join',
  'chat.placeholder': 'Message',
  'chat.send': 'Send',
  'chat.empty': 'No messages yet. Say hello!',
  'chat.invite': 'Invite code',
  'chat.back': 'Pais',
  'live.connecting': 'Connecting…',
  'live.offline': 'Offline: reconnecting',
  'error.generic': 'Something went wrong',
  'error.BAD_CREDENTIALS': 'Wrong name or password',
  'error.NAME_TAKEN': 'That name is taken',
  'error.RATE_LIMITED': 'Too many tries: wait a moment',
  'error.INVITE_NOT_FOUND': 'No pai has that invite code',
  'packets.chances': 'Chances left',
  'packets.open': 'Open now',
  'packets.nextIn': 'Next drop in',
  'packets.grab': 'Grab!',
  'packets.defaultGreeting': 'Best wishes, good fortune!',
  'packets.openPacket': 'Open',
  'packets.badAmount': 'An amount in yuan, like 8.88',
  'packets.amount': 'Amount (¥)',
  'packets.send': 'Send a lucky packet',
  'packets.sendShort': 'Lucky packet',
  'wallet.title': 'Wallet',
  'wallet.pending': 'On its way',
  'wallet.grab': 'Red packet won',
  'wallet.send': 'Lucky packet sent',
  'wallet.refund': 'Returned to you',
  'error.SOLD_OUT': 'All taken: better luck next drop',
  'error.GRAB_LIMIT_REACHED': 'No chances left in this campaign',
  'error.DROP_NOT_ACTIVE': 'This drop is not open',
  'error.INSUFFICIENT_BALANCE': 'Not enough in your wallet',
  'error.PACKET_EXPIRED': 'This lucky packet has expired',
  'error.NOT_A_MEMBER': 'You are not in this pai',
  'console.title': 'Operator console',
  'console.nav': 'Console',
  'console.name': 'Campaign name',
  'console.budget': 'Budget (¥)',
  'console.hours': 'Hours open',
  'console.perUser': 'Grabs per user',
  'console.create': 'Create campaign',
  'console.pause': 'Pause',
  'console.resume': 'Resume',
  'console.cancel': 'Cancel',
  'console.remaining': 'Budget left',
  'console.granted': 'Granted',
  'console.grabs': 'Grabs',
  'console.rate': 'Grabs/s',
  'console.packets': 'Packets',
  'console.amount': 'Amount (¥)',
  'console.window': 'Window',
  'console.split': 'Split',
  'console.startsIn': 'Starts in (s)',
  'console.minutes': 'Minutes',
  'console.launch': 'Launch drop',
  'console.funnel': 'Share funnel',
  'console.funnel.shares': 'Shares',
  'console.funnel.clicks': 'Clicks',
  'console.funnel.accepts': 'Accepts',
  'console.funnel.rewards': 'Rewards',
  'console.reconcile': 'Reconcile',
  'console.reconciled': 'Reconciled: no differences',
  'console.differences': 'differences',
  'console.ledger': 'ledger',
  'console.pending': 'pending',
  'agents.title': 'Agents',
  'agents.open': 'Agents',
  'agents.summarize': 'Summarize the chat',
  'goals.title': 'Goals',
  'goals.fitness': 'Fitness',
  'goals.reading': 'Reading',
  'goals.custom': 'Other',
  'goals.newTitle': 'e.g. 5 km run',
  'goals.create': 'Add goal',
  'goals.checkin': 'Check in',
  'goals.streak': 'Streak',
  'error.ALREADY_CHECKED_IN': 'Already checked in for this period',
  'chat.reply': 'Reply',
  'chat.replyingTo': 'Replying to',
  'chat.recall': 'Recall',
  'chat.recalled': 'Message recalled',
  'chat.image': 'Send a picture',
  'error.RECALL_WINDOW_PASSED': 'Too late to recall: two minutes have passed',
  'lang.switch': '中文',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  'app.name': '派',
  'auth.title': '登录派',
  'auth.signupTitle': '创建派账号',
  'auth.name': '用户名',
  'auth.password': '密码',
  'auth.displayName': '昵称（可选）',
  'auth.signin': '登录',
  'auth.signup': '注册',
  'auth.toSignup': '第一次来？创建账号',
  'auth.toSignin': '已有账号？登录',
  'auth.signout': '退出',
  'pais.title': '我的派',
  'pais.empty': '还没有派：创建一个，或用邀请码加入。',
  'pais.create': '创建',
  'pais.newName': '新派的名字',
  'pais.joinCode': '邀请码',
  'pais.join': '加入',
  'chat.placeholder': '说点什么',
  'chat.send': '发送',
  'chat.empty': '还没有消息，打个招呼吧！',
  'chat.invite': '邀请码',
  'chat.back': '派',
  'live.connecting': '连接中…',
  'live.offline': '离线：正在重连',
  'error.generic': '出错了',
  'error.BAD_CREDENTIALS': '用户名或密码错误',
  'error.NAME_TAKEN': '这个用户名已被占用',
  'error.RATE_LIMITED': '尝试太多次了，请稍候',
  'error.INVITE_NOT_FOUND': '没有这个邀请码的派',
  'packets.chances': '剩余机会',
  'packets.open': '正在开抢',
  'packets.nextIn': '下一轮',
  'packets.grab': '抢！',
  'packets.defaultGreeting': '恭喜发财，大吉大利！',
  'packets.openPacket': '开',
  'packets.badAmount': '请输入金额（元），例如 8.88',
  'packets.amount': '金额（元）',
  'packets.send': '发红包',
  'packets.sendShort': '红包',
  'wallet.title': '钱包',
  'wallet.pending': '到账中',
  'wallet.grab': '抢到红包',
  'wallet.send': '发出红包',
  'wallet.refund': '红包退回',
  'error.SOLD_OUT': '已抢光，下轮再来',
  'error.GRAB_LIMIT_REACHED': '本活动的机会已用完',
  'error.DROP_NOT_ACTIVE': '这一轮还没开始或已结束',
  'error.INSUFFICIENT_BALANCE': '钱包余额不足',
  'error.PACKET_EXPIRED': '红包已过期',
  'error.NOT_A_MEMBER': '你不在这个派里',
  'console.title': '运营控制台',
  'console.nav': '控制台',
  'console.name': '活动名称',
  'console.budget': '预算（元）',
  'console.hours': '开放小时数',
  'console.perUser': '每人可抢次数',
  'console.create': '创建活动',
  'console.pause': '暂停',
  'console.resume': '恢复',
  'console.cancel': '取消',
  'console.remaining': '剩余预算',
  'console.granted': '已发放',
  'console.grabs': '抢到次数',
  'console.rate': '每秒抢',
  'console.packets': '红包个数',
  'console.amount': '金额（元）',
  'console.window': '时间',
  'console.split': '分配',
  'console.startsIn': '几秒后开始',
  'console.minutes': '持续分钟',
  'console.launch': '发起一轮',
  'console.funnel': '分享漏斗',
  'console.funnel.shares': '分享',
  'console.funnel.clicks': '点击',
  'console.funnel.accepts': '接受',
  'console.funnel.rewards': '奖励',
  'console.reconcile': '对账',
  'console.reconciled': '对账无差异',
  'console.differences': '处差异',
  'console.ledger': '账本',
  'console.pending': '待入账',
  'agents.title': '智能体',
  'agents.open': '智能体',
  'agents.summarize': '总结聊天',
  'goals.title': '目标',
  'goals.fitness': '健身',
  'goals.reading': '阅读',
  'goals.custom': '其他',
  'goals.newTitle': '例如：跑步 5 公里',
  'goals.create': '添加目标',
  'goals.checkin': '打卡',
  'goals.streak': '连续',
  'error.ALREADY_CHECKED_IN': '这个周期已经打过卡了',
  'chat.reply': '回复',
  'chat.replyingTo': '回复',
  'chat.recall': '撤回',
  'chat.recalled': '消息已撤回',
  'chat.image': '发送图片',
  'error.RECALL_WINDOW_PASSED': '超过两分钟，无法撤回',
  'lang.switch': 'English',
};

export type Language = 'en' | 'zh';
const LANGUAGE_KEY = 'pai.language';
const listeners = new Set<(language: Language) => void>();

function initialLanguage(): Language {
  const chosen = localStorage.getItem(LANGUAGE_KEY);
  if (chosen === 'en' || chosen === 'zh') return chosen;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let language: Language = initialLanguage();
document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';

export function t(key: Key): string {
  return (language === 'zh' ? zh : en)[key];
}

/** The text for a refusal's code when we have one, else the server's own detail. */
export function problemText(code: string, detail: string): string {
  const key = `error.${code}` as Key;
  return key in en ? t(key) : detail || t('error.generic');
}

export function setLanguage(next: Language) {
  language = next;
  localStorage.setItem(LANGUAGE_KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((listener) => listener(next));
}

/** Re-renders the component when the language changes. */
export function useLanguage(): Language {
  const [current, setCurrent] = useState(language);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}
