import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api.js';
import { App } from './App.js';
import { createQueryClient } from './query/query-client.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The admin page has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App api={createApiClient()} />
    </QueryClientProvider>
  </StrictMode>,
);
