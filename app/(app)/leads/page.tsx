import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DocumentsPage } from '../../../components/crm/documents-page';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('leads') };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  return <DocumentsPage kind="LEAD" section="leads" searchParams={searchParams} />;
}
