import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { Member, Page } from './model';

/** A pai's members by user id; reloaded when someone speaks whom the list does not know yet (they just joined). */
export function useMembers(paiId: string, speakers: string[]): Map<string, Member> {
  const [members, setMembers] = useState<Map<string, Member>>(new Map());
  const [loadedFor, setLoadedFor] = useState<string>('');
  const unknown = speakers.find((userId) => !members.has(userId)) ?? '';
  const wanted = `${paiId}|${members.size === 0 ? '' : unknown}`;
  useEffect(() => {
    if (wanted === loadedFor) return;
    setLoadedFor(wanted);
    void api<Page<Member>>('GET', `/api/chat/pais/${paiId}/members?limit=200`)
      .then((page) => setMembers(new Map(page.items.map((member) => [member.userId, member]))))
      .catch(() => undefined);
  }, [wanted]);
  return members;
}

/** What to call a member: the display name, else the name, else the start of the user id. */
export function shownName(userId: string, member: Member | undefined): string {
  if (member?.displayName) return member.displayName;
  if (member?.name) return member.name;
  return /^[0-9a-f-]{36}$/.test(userId) ? userId.slice(0, 8) : userId;
}
