// The test inbox for humans: what Lede "sent" by email in this browser's world. (A list and a
// message view come with the sign-in methods that send mail.)
export function InboxPage() {
  return (
    <section aria-labelledby="inbox-heading">
      <h1 id="inbox-heading">Test inbox</h1>
      <p>A simulation: Lede sends no real email. Messages sent in this browser&rsquo;s world appear here.</p>
    </section>
  );
}
