import { render } from 'preact';
import '@/components/theme.css';
import './options.css';
import { App } from './App';

// WXT builds this page from index.html; nothing runs at import time except rendering into #app.
render(<App />, document.getElementById('app')!);
