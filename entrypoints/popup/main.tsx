import { render } from 'preact';

function App() {
  return <h1>Dialer</h1>;
}

render(<App />, document.getElementById('app')!);
