import { render } from 'preact';

function App() {
  return <h1>PBX Click-to-Dial settings</h1>;
}

render(<App />, document.getElementById('app')!);
