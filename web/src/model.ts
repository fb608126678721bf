// The shapes the services answer with (docs/contract.md, "HTTP API").

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

export interface PaiSummary {
  id: string;
  name: string;
  description?: string;
  role: 'OWNER' | 'ADMIN' | 'MEMBER';
  lastSeq: number;
  readSeq: number;
  unread: number;
  inviteCode?: string;
}

export interface Pai {
  id: string;
  name: string;
  description?: string;
  ownerId: string;
  inviteCode?: string;
  lastSeq: number;
}

export interface Message {
  id: string;
  paiId: string;
  seq: number;
  senderId: string;
  senderKind: 'USER' | 'AGENT' | 'SYSTEM';
  kind: string;
  text?: string | null;
  mediaId?: string | null;
  mentions?: string[];
  replyToSeq?: number | null;
  attachment?: Record<string, unknown> | null;
  createdAt: string;
}

/** A member as the others see them; name, displayName and avatarUrl are null for a user without an account. */
export interface Member {
  userId: string;
  name: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  role: 'OWNER' | 'ADMIN' | 'MEMBER';
}
