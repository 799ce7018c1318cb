import type { Metadata } from 'next';
import Sandbox from './Sandbox';

export const metadata: Metadata = {
  title: 'Sandbox',
  description: 'Run any Django ORM query against a realistic blog dataset and see every SQL statement it caused.',
};

export default function SandboxPage() {
  return <Sandbox />;
}
