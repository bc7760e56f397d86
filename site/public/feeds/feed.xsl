<?xml version="1.0" encoding="utf-8"?>
<!--
  Shows an Atom feed of the portal (site/src/lib/feeds.ts) as a page a person can read: what a
  feed is and how to subscribe, then its entries. The page's CSS is a file (/feeds/feed.css): the
  Content-Security-Policy allows no inline style or script, and this page needs neither.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/atom:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/>（订阅源）</title>
        <link rel="stylesheet" href="/feeds/feed.css"/>
      </head>
      <body>
        <header class="feed-header">
          <p class="feed-site"><a href="/">临淄区政府信息公开平台</a></p>
        </header>
        <main class="feed-main">
          <h1><xsl:value-of select="atom:title"/></h1>
          <div class="feed-about">
            <p>这是本栏目的<strong>订阅源</strong>（Atom 格式），供 RSS/Atom 阅读器自动获取新发布的文件。</p>
            <p>订阅方法：复制本页地址 <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code>，粘贴到阅读器的“添加订阅”中。</p>
            <p>不使用阅读器，也可以直接在下面浏览最新的 <xsl:value-of select="count(atom:entry)"/> 条，或前往<a href="{atom:link[@rel='alternate']/@href}">政策文件库</a>。</p>
          </div>
          <xsl:choose>
            <xsl:when test="atom:entry">
              <ol class="feed-entries">
                <xsl:apply-templates select="atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>暂无文件。订阅后，有新文件发布时阅读器会自动收到。</p>
            </xsl:otherwise>
          </xsl:choose>
          <p class="feed-updated">更新时间：<xsl:value-of select="substring(atom:updated, 1, 10)"/></p>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
      <p class="feed-meta">
        <xsl:if test="atom:author/atom:name"><span><xsl:value-of select="atom:author/atom:name"/></span></xsl:if>
        <span>发布日期 <time datetime="{substring(atom:published, 1, 10)}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time></span>
      </p>
      <xsl:if test="atom:summary"><p class="feed-summary"><xsl:value-of select="atom:summary"/></p></xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
