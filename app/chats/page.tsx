export const dynamic = 'force-dynamic';

export default function ChatsPage() {
  return <main className="p-6">Chats</main>;
}
