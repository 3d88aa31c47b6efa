/** The web quiz's addresses, shared by the chat (which links to them) and the web pages (which serve them). */
export const WEB_QUIZ = {
  /** The personal link's page; the token rides in the query (its POST, not this GET, spends it). */
  link: '/thi/vao',
  /** The current question, the start button, or why not. */
  home: '/thi',
  /** The Telegram Mini App's entry page (a `web_app` button opens it; its POST exchanges initData for a session). */
  miniApp: '/thi/mini-app',
} as const;
