import { Receipt } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ElsewhereInCrm } from '../../../components/ui/states';
import { requireViewer } from '../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('invoices') };
}

export default async function Page() {
  await requireViewer('/invoices');
  return <ElsewhereInCrm section="invoices" icon={Receipt} />;
}
